import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newSubmissionId } from './respond-pages.js';

describe('newSubmissionId', () => {
  it('is 25 base64url characters that sort in the order of their creation time', () => {
    const times = [0, 1, 35, 36, 1_000_000, Date.parse('2026-11-29T08:00:00Z'), Date.parse('2099-12-31T23:59:59Z')];
    const ids = times.map((t) => newSubmissionId(t));
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{25}$/);
    assert.deepEqual([...ids].sort(), ids, 'text order is time order');
    assert.equal(newSubmissionId(Date.parse('2026-11-29T08:00:00Z')).slice(0, 9), Date.parse('2026-11-29T08:00:00Z').toString(36).padStart(9, '0'));
  });

  it('keeps 96 random bits after the time: ids made in the same millisecond differ and do not sort by order of making', () => {
    const ids = Array.from({ length: 2000 }, () => newSubmissionId(1_700_000_000_000));
    assert.equal(new Set(ids).size, ids.length);
    const tails = ids.map((id) => id.slice(9));
    assert.notDeepEqual([...tails].sort(), tails);
    for (const tail of tails) assert.equal(Buffer.from(tail, 'base64url').length, 12);
  });
});
