/*
 * Scorecard full-pass benchmark (issue 15: a full pass storing 10,000
 * results in at most 500 ms), on SQLite and PostgreSQL. Not part of the unit
 * tests. Runs the plugin's FullPass as the scheduler does (pages of 1,000
 * from the catalog, evaluate, store, drop results of missing entities, prune
 * history), without backend start-up, and prints per database:
 *  - the first pass into empty tables (10,000 inserts + history points);
 *  - later passes over unchanged facts (the steady state: 10,000 results
 *    compared and stored), median of --runs;
 *  - the evaluation alone (the same pages, nothing stored), measured in the
 *    same run, so the store's share holds whatever the machine's load.
 * Every figure carries the 1-minute load average; the SQL time per
 * statement follows each phase.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/scorecard/pass.ts [--entities=10000] [--runs=5] [--db=sqlite,pg]
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a
 * throwaway database is created and dropped). SQLite in memory.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScorecardFactProvider } from '@paved-road/plugin-scorecard-node';
import knexFactory, { Knex } from 'knex';
import os from 'node:os';
import { readScorecardConfig } from '../../plugins/scorecard-backend/src/config/readScorecardConfig';
import { DatabaseScorecardStore } from '../../plugins/scorecard-backend/src/database/DatabaseScorecardStore';
import { ScorecardEngine } from '../../plugins/scorecard-backend/src/engine/ScorecardEngine';
import { CatalogFactProvider } from '../../plugins/scorecard-backend/src/facts/CatalogFactProvider';
import { GoldenPathFactProvider } from '../../plugins/scorecard-backend/src/facts/GoldenPathFactProvider';
import { FullPass } from '../../plugins/scorecard-backend/src/service/FullPass';
import { sqlProfile } from '../dora/qprof';
import { benchProvider, scorecardConfig } from './config';
import { makeEntities, makeMetricFacts } from './workload';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const ENTITIES = Number(arg('entities', '10000'));
const RUNS = Number(arg('runs', '5'));
const DBS = arg('db', 'sqlite,pg').split(',');
const PAGE = 1000;
const NOW = Date.parse('2026-11-22T12:00:00Z');

const load = () => `[load ${os.loadavg()[0].toFixed(2)}]`;
const ms = (t: number) => `${t.toFixed(0)} ms`;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function connect(db: string) {
  if (db === 'sqlite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    return { knex, drop: () => knex.destroy() };
  }
  const base = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!base)
    throw new Error('Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
  const name = `scorecard_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: base });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: `${base.replace(/\/$/, '')}/${name}`,
    pool: { min: 0, max: 4 },
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

const quietLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
} as unknown as LoggerService;

/** A catalog that pages through the entities in memory (no filtering cost). */
function pagingCatalog(entities: Entity[]): CatalogService {
  return {
    queryEntities: async (request: any) => {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const limit = request?.limit ?? PAGE;
      const next = offset + limit;
      return {
        items: entities.slice(offset, next),
        totalItems: entities.length,
        pageInfo: {
          nextCursor: next < entities.length ? String(next) : undefined,
        },
      };
    },
  } as unknown as CatalogService;
}

async function run(db: string, entities: Entity[], engine: ScorecardEngine) {
  const { knex, drop } = await connect(db);
  try {
    const store = await DatabaseScorecardStore.create({
      database: { getClient: async () => knex },
    });
    // SQL time per statement of the steady passes, always printed: the
    // pass is mostly the store's statements.
    const prof = sqlProfile(knex, `[${db}]`, true);
    const pass = new FullPass({
      engine,
      store,
      catalog: pagingCatalog(entities),
      auth: mockServices.auth(),
      logger: quietLogger,
      kinds: ['component'],
      retentionDays: 90,
      pageSize: PAGE,
    });
    const timed = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const first = await timed(() => pass.run(new Date(NOW)));
    console.log(
      `[${db}] first full pass, ${
        entities.length
      } results into empty tables: ${ms(first)} ${load()}`,
    );
    prof.phase('first pass');
    const steady: number[] = [];
    const evalOnly: number[] = [];
    const credentials = mockCredentials.service();
    for (let r = 0; r < RUNS; r++) {
      steady.push(await timed(() => pass.run(new Date(NOW))));
      evalOnly.push(
        await timed(async () => {
          for (let i = 0; i < entities.length; i += PAGE)
            await engine.evaluate(entities.slice(i, i + PAGE), credentials);
        }),
      );
    }
    prof.phase(`${RUNS} steady passes + ${RUNS} evaluations`);
    const stored = Number(
      (await knex('scorecard_results').count({ n: '*' }))[0].n,
    );
    const pm = median(steady);
    const em = median(evalOnly);
    console.log(
      `[${db}] full pass storing ${stored} results (facts unchanged): median ${ms(
        pm,
      )}, min ${ms(Math.min(...steady))}, max ${ms(
        Math.max(...steady),
      )} of ${RUNS}; target <= 500 ms; evaluation alone in the same runs ${ms(
        em,
      )} -> store ${ms(pm - em)} (${((100 * (pm - em)) / pm).toFixed(
        0,
      )}% of the pass) ${load()}`,
    );
  } finally {
    await drop();
  }
}

async function main() {
  console.log(
    `node ${process.version}, ${
      os.cpus().length
    } cores, ${ENTITIES} entities x 20 checks ${load()}`,
  );
  const entities = makeEntities(ENTITIES);
  const metrics = makeMetricFacts(entities, NOW);
  const config = readScorecardConfig(
    new ConfigReader({ scorecard: scorecardConfig() }),
  );
  const engine = ScorecardEngine.create({
    ...config,
    providers: new Map<string, ScorecardFactProvider>([
      ['catalog', new CatalogFactProvider()],
      ['golden-path', GoldenPathFactProvider.fromConfig(new ConfigReader({}))],
      ['bench', benchProvider(metrics)],
    ]),
    now: () => new Date(NOW),
  });
  for (const db of DBS) await run(db, entities, engine);
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
