import { parseOverviewQuery } from './parseQuery';

describe('parseOverviewQuery', () => {
  it('reads single and repeated filters', () => {
    expect(
      parseOverviewQuery({ owner: 'team-a', kind: ['component', 'api'] }),
    ).toEqual({ owners: ['team-a'], kinds: ['component', 'api'] });
    expect(parseOverviewQuery({ limit: '500' }).limit).toBe(500);
  });

  it.each([
    [
      'limit above 500',
      { limit: '501' },
      "Invalid 'limit': expected a whole number from 1 to 500",
    ],
    [
      'limit 0',
      { limit: '0' },
      "Invalid 'limit': expected a whole number from 1 to 500",
    ],
    [
      'a 400-digit limit',
      { limit: '9'.repeat(400) },
      "Invalid 'limit': expected a whole number from 1 to 500",
    ],
    [
      '51 owners',
      { owner: Array.from({ length: 51 }, (_, i) => `team-${i}`) },
      "Invalid 'owner': expected at most 50 values",
    ],
    [
      'a 1001-character kind',
      { kind: 'k'.repeat(1001) },
      "Invalid 'kind': expected at most 1000 characters",
    ],
    [
      'a 1001-character cursor',
      { cursor: 'c'.repeat(1001) },
      "Invalid 'cursor': expected at most 1000 characters",
    ],
    [
      'two failing values',
      { failing: ['a', 'b'] },
      "expected a single value for 'failing'",
    ],
  ])('rejects %s, naming the field', (_label, query, message) => {
    expect(() => parseOverviewQuery(query)).toThrow(message);
  });
});
