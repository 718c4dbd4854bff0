import { AppError } from '../../../app-error.js';
import type { WaveStatus } from '../../../store/index.js';

export type WaveAction = 'open' | 'close' | 'publish' | 'unpublish';

/** Which status each action leads to, and from which statuses it is allowed. */
export const WAVE_TRANSITIONS: Readonly<Record<WaveAction, { readonly from: readonly WaveStatus[]; readonly to: WaveStatus }>> = Object.freeze({
  open: { from: ['draft', 'closed'], to: 'fieldwork' },
  close: { from: ['fieldwork'], to: 'closed' },
  publish: { from: ['closed'], to: 'published' },
  unpublish: { from: ['published'], to: 'closed' },
});

export function isWaveAction(value: unknown): value is WaveAction {
  return typeof value === 'string' && Object.hasOwn(WAVE_TRANSITIONS, value);
}

/** The actions offered for a status. */
export function actionsFrom(status: WaveStatus): WaveAction[] {
  return (Object.keys(WAVE_TRANSITIONS) as WaveAction[]).filter((a) => WAVE_TRANSITIONS[a].from.includes(status));
}

/** The new status, or AppError CONFLICT when the action does not apply to the current status. */
export function nextStatus(status: WaveStatus, action: WaveAction): WaveStatus {
  const transition = WAVE_TRANSITIONS[action];
  if (!transition.from.includes(status)) throw new AppError('CONFLICT', `cannot ${action} a wave that is ${status}`, { status, action });
  return transition.to;
}
