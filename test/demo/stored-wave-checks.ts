import assert from 'node:assert/strict';
import type { Store, Wave } from '../../src/store/index.js';
import { allQuestions, answerKeys, columnLayout, isVisible, packAnswers, validateResponse, type Answers, type Study } from '../../src/study/index.js';

/**
 * Checks every stored response of a wave against its study: it validates (complete or partial), no
 * question hidden by the display logic has an answer, and its packed vector is the one packAnswers makes.
 * Returns the responses' answers and statuses for further checks.
 */
export async function checkStoredWave(store: Store, wave: Wave, study: Study): Promise<{ answers: Answers; complete: boolean; language: string }[]> {
  const layout = columnLayout(study);
  const questions = allQuestions(study).map((q) => q.question);
  const conditional = questions.filter((q) => q.condition);
  const responses = await store.responses.list(wave.id);
  assert.ok(responses.length > 0, `wave ${wave.code} has responses`);
  let hiddenSeen = 0;
  for (const r of responses) {
    const answers = r.answers as Answers;
    const complete = r.status === 'complete';
    const { errors } = validateResponse(study, answers, { complete });
    assert.deepEqual(errors, [], `response ${r.id} of ${wave.code} validates`);
    for (const q of conditional) {
      if (isVisible(q, answers)) continue;
      hiddenSeen++;
      for (const key of answerKeys(q)) assert.equal(answers[key], undefined, `response ${r.id}: ${key} is hidden yet answered`);
    }
    assert.ok(r.packed && Buffer.from(r.packed).equals(packAnswers(layout, answers)), `response ${r.id} is packed like packAnswers`);
    assert.ok(study.languages.includes(r.language), `response ${r.id} in a language of the study (${r.language})`);
  }
  assert.ok(conditional.length === 0 || hiddenSeen > 0, 'the display logic hid some question for some respondent');
  return responses.map((r) => ({ answers: r.answers as Answers, complete: r.status === 'complete', language: r.language }));
}

/** The waves of a study in the order their series order gives, with their codes. */
export async function seriesCodes(store: Store, studyId: string): Promise<string[]> {
  const rows = await store.waves.list(studyId);
  for (const r of rows) assert.ok(r.seriesOrder !== null, `wave ${r.code} has a series order`);
  const bySeries = [...rows].sort((a, b) => a.seriesOrder! - b.seriesOrder!);
  const byDate = [...rows].sort((a, b) => a.opensAt!.localeCompare(b.opensAt!));
  assert.deepEqual(
    bySeries.map((r) => r.code),
    byDate.map((r) => r.code),
    'series order follows the opening dates',
  );
  return bySeries.map((r) => r.code);
}
