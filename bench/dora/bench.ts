/*
 * DORA backend benchmark: loads deployments and incidents through the store
 * into SQLite and PostgreSQL, then times /metrics queries through the
 * service (HTTP excluded). Not part of the unit tests.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/dora/bench.ts [--scale=1 | --scales=1,2,5] [--db=sqlite,pg]
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a
 * throwaway database is created and dropped). SQLite: in memory, as
 * Backstage configures it by default; DORA_BENCH_SQLITE_FILE=1 for a file.
 * QPROF=1 prints the time spent per SQL statement in each phase, and the
 * SQL and JavaScript shares of the owner queries (qprof.ts). Every figure is printed
 * with the 1-minute load average of the machine when it was taken.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseDoraStore } from '../../plugins/dora-backend/src/database/DatabaseDoraStore';
import { readDoraConfig } from '../../plugins/dora-backend/src/service/config';
import { DefaultDoraService } from '../../plugins/dora-backend/src/service/DefaultDoraService';
import { parseEvents } from '../../plugins/dora-backend/src/service/parseEvents';
import { bulkInsert } from '../../plugins/dora-backend/src/database/bulkInsert';
import { sqlProfile } from './qprof';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
// --scales=1,2,5 runs each scale in turn (growth); --scale=N one.
const SCALES = arg('scales', arg('scale', '1')).split(',').map(Number);
const DBS = arg('db', 'sqlite,pg').split(',');
let SCALE = SCALES[0];
let DEPLOYMENTS = 0;
let INCIDENTS = 0;
let ENTITIES = 0;
// 1x: 1,000,000 deployments over 2,000 entities; above 1x both grow (5x:
// 5,000,000 over 10,000), so deployments per entity stay the same.
function setScale(scale: number) {
  SCALE = scale;
  DEPLOYMENTS = Math.round(1_000_000 * scale);
  INCIDENTS = Math.round(50_000 * scale);
  ENTITIES =
    scale >= 1
      ? Math.round(2000 * scale)
      : Math.max(10, Math.round(2000 * Math.min(1, scale * 10)));
}
const DAY = 86400000;
const SPAN = 365 * DAY;
const NOW = Date.now();
const START = NOW - SPAN;
const BATCH = 5000;

let seed = 42;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};
const ref = (i: number) => `component:default/service-${i}`;
const iso = (ms: number) => new Date(ms).toISOString();

/** Chronological events, one incident about every 20 deployments. */
function* events(): Generator<Record<string, unknown>> {
  const incidentEvery = DEPLOYMENTS / INCIDENTS;
  let incident = 0;
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const finishedAt = START + Math.floor((i / DEPLOYMENTS) * SPAN);
    const entity = i % ENTITIES;
    const r = random();
    const changes = Array.from({ length: 1 + (i % 2) }, (_, c) => ({
      sha: `${i.toString(16)}${c}`,
      committedAt: iso(finishedAt - Math.floor(random() * 3 * DAY) - 1000),
    }));
    yield {
      kind: 'deployment',
      source: 'bench',
      id: `d${i}`,
      entityRef: ref(entity),
      environment: r < 0.95 ? 'production' : 'staging',
      status: r < 0.05 ? 'failure' : r < 0.1 ? 'rolled_back' : 'success',
      finishedAt: iso(finishedAt),
      commitSha: changes[0].sha,
      changes,
      rework: random() < 0.03,
    };
    while (incident < INCIDENTS && incident * incidentEvery <= i) {
      const openedAt = finishedAt + Math.floor(random() * DAY);
      // Only recent incidents are still open, as in real life.
      const unresolved = openedAt > NOW - 7 * DAY && random() < 0.5;
      yield {
        kind: 'incident',
        source: 'bench',
        id: `i${incident}`,
        entityRef: ref(Math.floor(random() * ENTITIES)),
        openedAt: iso(openedAt),
        resolvedAt: unresolved
          ? null
          : iso(openedAt + 600000 + Math.floor(random() * 2 * DAY)),
        deploymentId:
          random() < 0.1 ? `d${Math.max(0, i - ENTITIES)}` : undefined,
        severity: 'sev2',
      };
      incident++;
    }
  }
}

async function connect(
  db: string,
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (db === 'sqlite') {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'dora-bench-')),
      'dora.sqlite',
    );
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: {
        filename: process.env.DORA_BENCH_SQLITE_FILE ? file : ':memory:',
      },
      useNullAsDefault: true,
    });
    return {
      knex,
      drop: async () => {
        await knex.destroy();
        fs.rmSync(path.dirname(file), { recursive: true });
      },
    };
  }
  const base = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!base)
    throw new Error('Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
  const name = `dora_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: base });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${base.replace(/\/$/, '')}/${name}`,
    pool: { min: 0, max: 8 },
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

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
// The machine is shared: each figure carries the load it was measured under.
const load = () => `[load ${os.loadavg()[0].toFixed(2)}]`;
const log = (line: string) => console.log(`${line} ${load()}`);

async function run(db: string) {
  const { knex, drop } = await connect(db);
  try {
    const prof = sqlProfile(knex, `[${db}]`);
    const config = readDoraConfig(new ConfigReader({}));
    const store = await DatabaseDoraStore.create({
      database: { getClient: async () => knex },
      isProduction: e => config.production.matches(e),
      productionSignature: config.production.signature,
      // As the plugin runs it: rollups built in the background once pushes
      // pause (the bench's pushes are back to back, so after the load).
      warmRollups: {},
    });
    const refs = Array.from({ length: ENTITIES }, (_, i) => ref(i));
    const catalog = {
      getEntityByRef: async () => ({
        kind: 'Group',
        metadata: { name: 'all', namespace: 'default' },
        relations: [],
      }),
      getEntities: async () => ({
        items: refs.map(r => ({
          kind: 'Component',
          metadata: { namespace: 'default', name: r.split('/')[1] },
        })),
      }),
    } as unknown as CatalogService;
    const service = DefaultDoraService.create({ store, catalog, config });
    const credentials = mockCredentials.service();

    let batch: unknown[] = [];
    let total = 0;
    let firstBatch: unknown[] | undefined;
    // Only validation and the store are timed, not generating the events.
    let parseMs = 0;
    let storeMs = 0;
    const push = async () => {
      firstBatch ??= batch;
      const t0 = performance.now();
      const parsed = parseEvents({ events: batch });
      const t1 = performance.now();
      await store.ingest(parsed);
      parseMs += t1 - t0;
      storeMs += performance.now() - t1;
      total += batch.length;
      batch = [];
    };
    for (const event of events()) {
      batch.push(event);
      if (batch.length === BATCH) await push();
    }
    if (batch.length) await push();
    const seconds = (parseMs + storeMs) / 1000;
    log(
      `[${db}] ingest: ${total} events in ${seconds.toFixed(
        1,
      )} s = ${Math.round(
        total / seconds,
      )} events/s (batches of ${BATCH}; validation ${(parseMs / 1000).toFixed(
        1,
      )} s + store ${(storeMs / 1000).toFixed(1)} s)`,
    );

    prof.phase('ingest');

    // The rollups the load touched are built in the background once the
    // pushes pause (2 s debounce, or during the load after 5 minutes). Waited
    // for here, before anything else is timed: the yardstick and the reads
    // below ran concurrently with this build before, on PostgreSQL.
    const warm0 = performance.now();
    await store.rollupsSettled();
    prof.phase('background rollup build');
    log(
      `[${db}] background rollup build after the load (${ENTITIES} entities x 12 months, not in any request): ${(
        (performance.now() - warm0) /
        1000
      ).toFixed(1)} s`,
    );

    // The yardstick of the write path: plain multi-row inserts (no index,
    // no conflict handling, no derived flags) of the same rows, measured in
    // the same run, so the ratio holds whatever the machine's load.
    const plain = await plainInsertRate(knex);
    log(
      `[${db}] plain multi-row inserts of the same ${
        plain.rows
      } rows: ${Math.round(plain.rowsPerSecond)} rows/s; ingest (${Math.round(
        total / seconds,
      )} events/s, each event one row plus its changes) runs at ${(
        total /
        seconds /
        plain.eventsPerSecond
      ).toFixed(2)} x the plain rate of the same events`,
    );

    prof.phase('plain inserts');

    const from90 = new Date(NOW - 90 * DAY);
    const to = new Date(NOW);
    const per: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await service.getMetrics({
        entityRef: refs[(i * 7919) % ENTITIES],
        from: from90,
        to,
        credentials,
      });
      per.push(performance.now() - t);
    }
    log(
      `[${db}] per-entity /metrics 90 days: p50 ${ms(pct(per, 0.5))}, p95 ${ms(
        pct(per, 0.95),
      )} (200 entities)`,
    );

    prof.phase('per-entity reads');

    // The store alone, both paths over the same entities, alternating which
    // goes first: the figures of one entity from the event tables (what
    // /metrics does) and from its monthly rollups.
    const tables: number[] = [];
    const rolled: number[] = [];
    for (let i = 0; i < 200; i++) {
      const q = {
        entityRefs: [refs[(i * 7919) % ENTITIES]],
        from: from90.getTime(),
        to: to.getTime(),
        scope: { type: 'production' as const },
      };
      const time = async (read: () => Promise<unknown>, into: number[]) => {
        const t = performance.now();
        await read();
        into.push(performance.now() - t);
      };
      const a = () => time(() => store.getFiguresFromTables(q), tables);
      const b = () => time(() => store.getFiguresFromRollups(q), rolled);
      if (i % 2) await a().then(b);
      else await b().then(a);
    }
    log(
      `[${db}] one entity's figures, 90 days, store only: event tables p50 ${ms(
        pct(tables, 0.5),
      )}, p95 ${ms(pct(tables, 0.95))}; rollups p50 ${ms(
        pct(rolled, 0.5),
      )}, p95 ${ms(pct(rolled, 0.95))} (200 entities)`,
    );

    const owner = (days: number) =>
      prof.split(() =>
        service.getMetrics({
          owner: 'group:default/all',
          from: new Date(NOW - days * DAY),
          to,
          credentials,
        }),
      );
    // With QPROF, how much of a median owner query is SQL (the rest is
    // JavaScript: decoding the rollups, sorting the samples).
    const sqlShare = (runs: Array<{ ms: number; sqlMs: number }>) => {
      if (!process.env.QPROF) return '';
      const mid = [...runs].sort((a, b) => a.ms - b.ms)[
        Math.floor(runs.length / 2)
      ];
      return `; QPROF median run: SQL ${ms(mid.sqlMs)}, JavaScript ${ms(
        mid.ms - mid.sqlMs,
      )}`;
    };
    const cold = await owner(90);
    log(
      `[${db}] owner of ${ENTITIES} entities, first query after the load: ${ms(
        cold.ms,
      )}${sqlShare([cold])}`,
    );
    prof.phase('first owner query');
    for (const days of [30, 90]) {
      const runs: Array<{ ms: number; sqlMs: number }> = [];
      let result = cold.result;
      for (let i = 0; i < 5; i++) {
        const run = await owner(days);
        runs.push(run);
        result = run.result;
      }
      const times = runs.map(r => r.ms);
      log(
        `[${db}] owner of ${ENTITIES} entities /metrics ${days} days: median ${ms(
          pct(times, 0.5),
        )}, max ${ms(Math.max(...times))} (${
          result.deploymentFrequency.deployments
        } deployments, ${result.leadTimeForChanges.changes} changes${sqlShare(
          runs,
        )})`,
      );
      prof.phase(`owner ${days} days`);
    }

    // Live traffic: a push touching 100 entities makes their current month
    // stale; the next owner query rebuilds those rollups on read.
    const live = Array.from({ length: 100 }, (_, i) => ({
      kind: 'deployment',
      source: 'bench-live',
      id: `live-${i}`,
      entityRef: ref(i),
      environment: 'production',
      status: 'success',
      finishedAt: iso(NOW - 60000),
      changes: [{ sha: `live-${i}`, committedAt: iso(NOW - 3600000) }],
    }));
    await service.ingest({ events: live });
    const afterPush = await owner(90);
    const refreshed = await owner(90);
    log(
      `[${db}] owner 90 days right after a push touching 100 entities: ${ms(
        afterPush.ms,
      )} (before the background build: rebuilds 100 stale rollups), next: ${ms(
        refreshed.ms,
      )}`,
    );
    prof.phase('push of 100 + two owner queries');

    // Idempotence, last: the resend marks every entity's rollups stale
    // again, and their rebuild would run under the reads above.
    const count = async () =>
      Number((await knex('dora_deployments').count({ n: '*' }))[0].n);
    const before = await count();
    const resend = await service.ingest({ events: firstBatch ?? [] });
    log(
      `[${db}] resend of the first batch: ${JSON.stringify(
        resend,
      )}, deployments ${before} -> ${await count()}`,
    );

    prof.phase('resend');
    await store.stop();
  } finally {
    await drop();
  }
}

/**
 * Copies the stored events into index-free tables with plain multi-row
 * inserts (5,000 rows a statement, through the same bulkInsert), timing the
 * inserts only. Events per second counts a deployment with its changes as
 * one event, as the ingest figure does.
 */
async function plainInsertRate(knex: Knex) {
  const tables = ['dora_deployments', 'dora_changes', 'dora_incidents'];
  let rows = 0;
  let insertMs = 0;
  for (const table of tables) {
    await knex.raw(
      `CREATE TABLE plain_${table} AS SELECT * FROM ${table} WHERE 1 = 0`,
    );
    const columns = Object.keys((await knex(table).first()) ?? {}).filter(
      c => c !== 'id',
    );
    // Keyset paging on the primary key: OFFSET paging re-sorted the whole
    // table for every page (quadratic; hours at --scale=5).
    const keys = KEYS[table];
    let last: unknown[] | undefined;
    for (;;) {
      const query = knex(table)
        .select([...new Set([...keys, ...columns])])
        .orderBy(keys)
        .limit(BATCH);
      if (last) {
        query.whereRaw(
          `(${keys.join(', ')}) > (${keys.map(() => '?').join(', ')})`,
          last as Knex.Value[],
        );
      }
      const page = await query;
      if (page.length === 0) break;
      last = keys.map(k => page[page.length - 1][k]);
      const part = page.map(row =>
        Object.fromEntries(columns.map(c => [c, row[c]])),
      );
      const t = performance.now();
      await bulkInsert(knex, `plain_${table}`, part, { types: TYPES[table] });
      insertMs += performance.now() - t;
      rows += part.length;
    }
    await knex.raw(`DROP TABLE plain_${table}`);
  }
  const events =
    Number((await knex('dora_deployments').count({ n: '*' }))[0].n) +
    Number((await knex('dora_incidents').count({ n: '*' }))[0].n);
  return {
    rows,
    rowsPerSecond: rows / (insertMs / 1000),
    eventsPerSecond: events / (insertMs / 1000),
  };
}

const KEYS: Record<string, string[]> = {
  dora_deployments: ['id'],
  dora_changes: ['deployment_id', 'sha'],
  dora_incidents: ['id'],
};

const TYPES: Record<string, Record<string, string>> = {
  dora_deployments: {
    source: 'text',
    external_id: 'text',
    entity_ref: 'text',
    environment: 'text',
    status: 'text',
    started_at: 'bigint',
    finished_at: 'bigint',
    commit_sha: 'text',
    rework: 'integer',
    qualifies: 'integer',
    rolled_back_by: 'bigint',
    is_rollback: 'integer',
  },
  dora_changes: {
    deployment_id: 'bigint',
    entity_ref: 'text',
    sha: 'text',
    committed_at: 'bigint',
    finished_at: 'bigint',
    lead_ms: 'bigint',
    qualifies: 'integer',
    first_shipped: 'integer',
  },
  dora_incidents: {
    source: 'text',
    external_id: 'text',
    entity_ref: 'text',
    opened_at: 'bigint',
    resolved_at: 'bigint',
    severity: 'text',
    deployment_ref: 'text',
    linked_deployment_id: 'bigint',
    link_rule: 'text',
    change_caused: 'integer',
    attributes: 'text',
    excluded: 'integer',
    unlinked_reason: 'text',
  },
};

async function main() {
  for (const scale of SCALES) {
    setScale(scale);
    seed = 42;
    console.log(
      `scale ${SCALE}: ${DEPLOYMENTS} deployments, ${INCIDENTS} incidents, ${ENTITIES} entities over 365 days`,
    );
    for (const db of DBS) await run(db);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
