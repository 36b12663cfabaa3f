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
  ])('rejects %j: %s', (query, message) => {
    expect(() => parseQuery(query)).toThrow(InputError);
    expect(() => parseQuery(query)).toThrow(message);
  });
});
