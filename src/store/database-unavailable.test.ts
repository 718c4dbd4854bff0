import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseUnavailable } from './database-unavailable.js';

const withCode = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`error ${code}`), { code, ...extra });

describe('databaseUnavailable', () => {
  it('names the outage of PostgreSQL states, socket errors, pg messages and SQLite codes', () => {
    assert.deepEqual(databaseUnavailable(withCode('57P01')), { reason: 'shutting-down', code: '57P01' });
    assert.deepEqual(databaseUnavailable(withCode('57014')), { reason: 'timeout', code: '57014' });
    assert.deepEqual(databaseUnavailable(withCode('ECONNREFUSED', { syscall: 'connect' })), { reason: 'connection-refused', code: 'ECONNREFUSED' });
    assert.deepEqual(databaseUnavailable(withCode('ENOENT', { syscall: 'connect' })), { reason: 'connection-refused', code: 'ENOENT' });
    assert.deepEqual(databaseUnavailable(new Error('Connection terminated unexpectedly')), { reason: 'connection-lost', code: 'connection-terminated' });
    assert.deepEqual(databaseUnavailable(withCode('SQLITE_BUSY_SNAPSHOT')), { reason: 'busy', code: 'SQLITE_BUSY_SNAPSHOT' });
    assert.deepEqual(databaseUnavailable(withCode('SQLITE_FULL')), { reason: 'disk-full', code: 'SQLITE_FULL' });
  });

  it('follows causes (a migration error wrapping the driver error)', () => {
    assert.equal(databaseUnavailable(new Error('migration failed', { cause: withCode('08006') }))?.reason, 'connection-lost');
  });

  it('leaves bugs, constraints and missing files alone', () => {
    assert.equal(databaseUnavailable(new TypeError('x is undefined')), undefined);
    assert.equal(databaseUnavailable(withCode('23505')), undefined);
    assert.equal(databaseUnavailable(withCode('SQLITE_CONSTRAINT_UNIQUE')), undefined);
    assert.equal(databaseUnavailable(withCode('ENOENT', { syscall: 'open' })), undefined);
    assert.equal(databaseUnavailable(null), undefined);
  });
});
