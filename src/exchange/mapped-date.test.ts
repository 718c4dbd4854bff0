import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DATE_FORMATS, dateFormatReader, readDateTime, readDay } from './mapped-date.js';

describe('dates of a mapping file', () => {
  const french = [dateFormatReader('DD/MM/YYYY HH:mm'), dateFormatReader('DD/MM/YYYY')];
  const defaults = DEFAULT_DATE_FORMATS.map(dateFormatReader);

  it('reads a day and a time in the formats named, in the zone of the mapping', () => {
    assert.equal(readDateTime('01/03/2024 09:05', french, '+01:00'), '2024-03-01T08:05:00.000Z');
    assert.equal(readDateTime('1/3/2024', french, '-05:00'), '2024-03-01T05:00:00.000Z');
    assert.equal(readDay('15/06/1998', french), '1998-06-15');
    assert.equal(readDay('15/06/1998 23:59', french), '1998-06-15');
  });

  it('reads ISO 8601 by default, and a time with its own zone as it says', () => {
    assert.equal(readDateTime('2024-03-01 09:05:30', defaults, '+01:00'), '2024-03-01T08:05:30.000Z');
    assert.equal(readDateTime('2024-03-01T09:05:30.250', defaults, '+00:00'), '2024-03-01T09:05:30.250Z', 'fractions of a second kept');
    assert.equal(readDateTime('2024-03-01T09:05:30+02:00', defaults, '+01:00'), '2024-03-01T07:05:30.000Z');
    assert.equal(readDay('2024-02-29', defaults), '2024-02-29');
  });

  it('refuses what is not a real day or time, or not in the format', () => {
    assert.equal(readDay('31/04/2024', french), null);
    assert.equal(readDay('29/02/2023', french), null);
    assert.equal(readDateTime('01/03/2024 24:00', french, '+00:00'), null);
    assert.equal(readDay('2024-03-01', french), null);
    assert.equal(readDay('01.03.2024', [dateFormatReader('DD.MM.YYYY')]), '2024-03-01');
    assert.equal(readDay('01x03x2024', [dateFormatReader('DD.MM.YYYY')]), null, 'a dot is a dot, not any character');
  });
});
