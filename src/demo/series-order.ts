import type { Store } from '../store/index.js';

/**
 * Sets `seriesOrder` of the given waves to their rank (1, 2, …) among all the waves of their study ordered
 * by opening date (waves without one last, then by creation), so that a series sorts in time even where
 * its codes do not sort as text (T4-2025 before T1-2026). Other waves are left as they are.
 */
export async function setSeriesOrder(store: Store, studyId: string, waveIds: readonly number[]): Promise<Map<number, number>> {
  const waves = await store.waves.list(studyId);
  const sorted = [...waves].sort((a, b) => (a.opensAt ?? '\uffff').localeCompare(b.opensAt ?? '\uffff') || a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  const ranks = new Map<number, number>();
  for (const [rank, wave] of sorted.entries()) {
    if (!waveIds.includes(wave.id)) continue;
    await store.waves.setSeriesOrder(wave.id, rank + 1);
    ranks.set(wave.id, rank + 1);
  }
  return ranks;
}
