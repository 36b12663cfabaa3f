import { InputError } from '@backstage/errors';
import { parseQuery } from './parseQuery';

describe('parseQuery', () => {
  it('reads the subject, window, environments and paging', () => {
    expect(
      parseQuery({
        entityRef: 'component:default/a',
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-08T02:00:00+02:00',
        environment: ['production', 'eu-prod, us-prod'],
        cursor: 'abc',
        limit: '50',
      }),
    ).toEqual({
      entityRef: 'component:default/a',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-08T00:00:00Z'),
      environments: ['production', 'eu-prod', 'us-prod'],
      cursor: 'abc',
      limit: 50,
    });
    expect(
      parseQuery({ from: '2024-12-01', to: '2026-12-01T00:00:00Z' }),
    ).toMatchObject({ from: new Date('2024-12-01T00:00:00Z') });
    expect(parseQuery({ owner: 'group:default/team-a' })).toEqual({
      owner: 'group:default/team-a',
      environments: [],
    });
  });

  it.each([
    [{ from: 'soon' }, "Invalid 'from': expected an ISO 8601 date"],
    [{ to: '2026-02-30' }, "Invalid 'to': expected an ISO 8601 date"],
    [{ limit: '0' }, "Invalid 'limit': expected 1 to 500"],
    [{ limit: '501' }, "Invalid 'limit': expected 1 to 500"],
    [{ limit: 'ten' }, "Invalid 'limit': expected 1 to 500"],
    [
      { entityRef: ['component:default/a', 'component:default/b'] },
      "Invalid 'entityRef': expected one entity ref",
    ],
    [
      { from: ['2026-11-01', '2026-11-02'] },
      "Invalid 'from': expected one ISO 8601 date",
    ],
    [{ limit: '100000' }, "Invalid 'limit': expected 1 to 500"],
    [
      { from: '0100-01-01' },
      "Invalid 'from': expected a date in the years 1970 to 9999",
    ],
    [
      { to: '1969-12-31T23:59:59Z' },
      "Invalid 'to': expected a date in the years 1970 to 9999",
    ],
    [
      { from: '2026-11-02', to: '2026-11-01' },
      "Invalid 'from': expected a date before 'to'",
    ],
    [
      { from: '2026-11-01', to: '2026-11-01' },
      "Invalid 'from': expected a date before 'to'",
    ],
    [
      { from: '1976-01-01', to: '2026-01-01' },
      "Invalid 'from': expected a window of at most 2 years",
    ],
    [
      { from: '2024-11-29', to: '2026-12-01' },
      "Invalid 'from': expected a window of at most 2 years",
    ],
    [
      { environment: '/^(a+)+$/' },
      "Invalid 'environment': expected exact environment names; /regex/ patterns are only accepted in the configuration",
    ],
    [
      { environment: ['production', '/prod/i'] },
      "Invalid 'environment': expected exact environment names",
    ],
    [
      { environment: 'a'.repeat(256) },
      "Invalid 'environment': expected names of at most 255 characters",
    ],
  ])('rejects %j: %s', (query, message) => {
    expect(() => parseQuery(query)).toThrow(InputError);
    expect(() => parseQuery(query)).toThrow(message);
  });
});
