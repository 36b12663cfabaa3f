import { parseIso } from './time';

describe('parseIso', () => {
  it('honours offsets and keeps milliseconds', () => {
    expect(parseIso('2026-11-20T10:00:00Z')).toBe(
      Date.parse('2026-11-20T10:00:00Z'),
    );
    expect(parseIso('2026-11-20T12:00:00.123+02:00')).toBe(
      Date.parse('2026-11-20T10:00:00.123Z'),
    );
    expect(parseIso('2026-11-20T05:30:00-0430')).toBe(
      Date.parse('2026-11-20T10:00:00Z'),
    );
    expect(parseIso('2026-11-20T10:00')).toBe(
      Date.parse('2026-11-20T10:00:00Z'),
    );
    expect(parseIso('2026-11-20')).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(parseIso('2026-11-20T10:00:00.123456789Z')).toBe(
      Date.parse('2026-11-20T10:00:00.123Z'),
    );
  });

  it('rejects what is not an ISO 8601 date', () => {
    for (const bad of [
      'yesterday',
      '2026-02-30T00:00:00Z',
      '2026-13-01',
      '2026-11-20T25:00:00Z',
      '20261120',
      '',
    ]) {
      expect(parseIso(bad)).toBeUndefined();
    }
  });
});
