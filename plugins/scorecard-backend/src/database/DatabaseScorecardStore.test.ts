import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { EntityScorecard } from '@paved-road/plugin-scorecard-common';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { ResultInput } from './types';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T08:00:00.123Z');

function input(
  name: string,
  at: number,
  opts: {
    score?: number;
    level?: string | null;
    owner?: string;
    failing?: string[];
  } = {},
): ResultInput {
  const failing = opts.failing ?? [];
  const level = opts.level === undefined ? 'bronze' : opts.level;
  const scorecard: EntityScorecard = {
    entityRef: `component:default/${name}`,
    evaluatedAt: new Date(at).toISOString(),
    score: opts.score ?? 100,
    level: level ? { id: level, title: level } : null,
    nextLevel: null,
    checks: ['owner', 'docs'].map(id => ({
      id,
      title: id,
      category: 'General',
      level: null,
      status: failing.includes(id) ? 'fail' : 'pass',
      value: null,
      message: '',
      remediation: null,
    })),
  };
  return {
    kind: 'component',
    namespace: 'default',
    name,
    owner: opts.owner ?? 'group:default/payments',
    scorecard,
  };
}

describe('DatabaseScorecardStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return DatabaseScorecardStore.create({
      database: { getClient: async () => knex },
    });
  }

  it.each(databases.eachSupportedId())(
    'stores and reads back the latest result, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveResults([
        input('a', T0, { score: 50, failing: ['docs'] }),
      ]);
      await store.saveResults([input('a', T0 + HOUR, { score: 100 })]);
      const result = await store.getResult('component:default/a');
      expect(result).toMatchObject({
        score: 100,
        evaluatedAt: new Date(T0 + HOUR).toISOString(),
      });
      expect(await store.getResult('component:default/none')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'a pass over unchanged content only moves the evaluation time, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScorecardStore.create({
        database: { getClient: async () => knex },
      });
      await store.saveResults([
        input('a', T0, { failing: ['docs'] }),
        input('b', T0),
      ]);
      const writes: string[] = [];
      const onQuery = (q: { sql: string }) => {
        if (!/^select/i.test(q.sql)) writes.push(q.sql);
      };
      knex.on('query', onQuery);
      await store.saveResults([
        input('a', T0 + HOUR, { failing: ['docs'] }),
        input('b', T0 + HOUR),
      ]);
      const unchangedWrites = [...writes];
      writes.length = 0;
      // Same statuses, another value: the result is rewritten, the failing
      // rows are not; a changed status rewrites them.
      const changed = input('a', T0 + 2 * HOUR, { failing: ['docs'] });
      changed.scorecard.checks[0].value = 42;
      await store.saveResults([changed, input('b', T0 + 2 * HOUR)]);
      const valueWrites = [...writes];
      writes.length = 0;
      await store.saveResults([input('a', T0 + 3 * HOUR)]);
      knex.removeListener('query', onQuery);

      // Transactions' BEGIN/COMMIT aside, one UPDATE of evaluated_at.
      const data = (sql: string[]) =>
        sql.filter(q => /^(insert|update|delete)/i.test(q.trim()));
      expect(data(unchangedWrites)).toHaveLength(1);
      expect(data(unchangedWrites)[0]).toMatch(/^update .scorecard_results./i);
      expect(
        data(valueWrites).filter(q => /scorecard_(failing|exempt)/.test(q)),
      ).toEqual([]);
      expect(
        data(writes).filter(q => /scorecard_failing/.test(q)).length,
      ).toBeGreaterThan(0);

      const b = await store.getResult('component:default/b');
      expect(b?.evaluatedAt).toBe(new Date(T0 + 2 * HOUR).toISOString());
      const a = await store.getResult('component:default/a');
      expect(a?.evaluatedAt).toBe(new Date(T0 + 3 * HOUR).toISOString());
      const page = await store.listResults({}, { limit: 10 });
      expect(page.map(r => [r.entityRef, r.failingChecks])).toEqual([
        ['component:default/a', []],
        ['component:default/b', []],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes history on change or daily, keeping milliseconds, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveResults([
        input('a', T0, { score: 50, failing: ['docs'] }),
      ]);
      await store.saveResults([
        input('a', T0 + HOUR, { score: 50, failing: ['docs'] }),
      ]); // unchanged: no point
      await store.saveResults([input('a', T0 + 2 * HOUR, { score: 100 })]); // changed
      await store.saveResults([input('a', T0 + 27 * HOUR, { score: 100 })]); // a day later
      const history = await store.getHistory(
        'component:default/a',
        new Date(T0 - HOUR),
        new Date(T0 + 48 * HOUR),
      );
      expect(history).toEqual([
        {
          evaluatedAt: '2026-11-20T08:00:00.123Z',
          score: 50,
          level: 'bronze',
          checks: { owner: 'pass', docs: 'fail' },
        },
        {
          evaluatedAt: '2026-11-20T10:00:00.123Z',
          score: 100,
          level: 'bronze',
          checks: { owner: 'pass', docs: 'pass' },
        },
        {
          evaluatedAt: '2026-11-21T11:00:00.123Z',
          score: 100,
          level: 'bronze',
          checks: { owner: 'pass', docs: 'pass' },
        },
      ]);
      const window = await store.getHistory(
        'component:default/a',
        new Date(T0 + HOUR),
        new Date(T0 + 27 * HOUR),
      );
      expect(window.map(p => p.score)).toEqual([100]);
      expect(await store.pruneHistory(new Date(T0 + 3 * HOUR))).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages and filters the overview, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const inputs = Array.from({ length: 1200 }, (_, i) =>
        input(`svc-${String(i).padStart(4, '0')}`, T0, {
          owner:
            i % 3 === 0 ? 'group:default/checkout' : 'group:default/payments',
          level: i % 2 === 0 ? 'silver' : null,
          failing: i % 5 === 0 ? ['docs'] : [],
        }),
      );
      await store.saveResults(inputs);
      const first = await store.listResults({}, { limit: 2 });
      expect(first.map(r => r.name)).toEqual(['svc-0000', 'svc-0001']);
      expect(first[0]).toMatchObject({
        owner: 'group:default/checkout',
        levelId: 'silver',
        failingChecks: ['docs'],
        evaluatedAt: '2026-11-20T08:00:00.123Z',
      });
      const next = await store.listResults(
        {},
        { after: 'component:default/svc-0001', limit: 1 },
      );
      expect(next.map(r => r.name)).toEqual(['svc-0002']);

      const count = async (filter: object) =>
        (await store.listRollupRows(filter)).length;
      expect(await count({})).toBe(1200);
      expect(await count({ owners: ['group:default/checkout'] })).toBe(400);
      expect(await count({ level: 'none' })).toBe(600);
      expect(await count({ level: 'silver', kinds: ['component'] })).toBe(600);
      expect(await count({ failing: 'docs' })).toBe(240);
      expect(
        await count({
          failing: 'docs',
          owners: ['group:default/checkout'],
          level: 'silver',
        }),
      ).toBe(40);
      expect(await count({ kinds: ['api'] })).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'drops results and history of entities gone from the catalog, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveResults([
        input('a', T0, { failing: ['docs'] }),
        input('b', T0),
        input('c', T0),
      ]);
      expect(await store.deleteMissing(new Set(['component:default/b']))).toBe(
        2,
      );
      expect(await store.getResult('component:default/a')).toBeUndefined();
      expect(
        await store.getHistory(
          'component:default/a',
          new Date(0),
          new Date(T0 + HOUR),
        ),
      ).toEqual([]);
      expect((await store.listRollupRows({})).map(r => r.entityRef)).toEqual([
        'component:default/b',
      ]);
      expect(await store.listRollupRows({ failing: 'docs' })).toEqual([]);
    },
  );
});
