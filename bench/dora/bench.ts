/*
 * DORA backend benchmark: loads deployments and incidents through the store
 * into SQLite and PostgreSQL, then times /metrics queries through the
 * service (HTTP excluded). Not part of the unit tests.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/dora/bench.ts [--scale=1] [--db=sqlite,pg]
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a
 * throwaway database is created and dropped). SQLite: in memory, as
 * Backstage configures it by default; DORA_BENCH_SQLITE_FILE=1 for a file.
 * QPROF=1 prints the time spent per SQL statement.
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

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SCALE = Number(arg('scale', '1'));
const DBS = arg('db', 'sqlite,pg').split(',');
const DEPLOYMENTS = Math.round(1_000_000 * SCALE);
const INCIDENTS = Math.round(50_000 * SCALE);
const ENTITIES = Math.max(10, Math.round(2000 * Math.min(1, SCALE * 10)));
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

async function run(db: string) {
  const { knex, drop } = await connect(db);
  try {
    const QT = new Map<string, number>();
    const starts = new Map<string, [number, string]>();
    if (process.env.QPROF) {
      knex.on('query', (q: any) =>
        starts.set(q.__knexQueryUid, [
          performance.now(),
          String(q.sql).replace(/\s+/g, ' ').slice(0, 90),
        ]),
      );
      knex.on('query-response', (_r: any, q: any) => {
        const s = starts.get(q.__knexQueryUid);
        if (s) QT.set(s[1], (QT.get(s[1]) ?? 0) + performance.now() - s[0]);
      });
      process.on('exit', () =>
        console.log(
          [...QT]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 15)
            .map(([k, v]) => `${v.toFixed(0)}ms ${k}`)
            .join('\n'),
        ),
      );
    }
    const config = readDoraConfig(new ConfigReader({}));
    const store = await DatabaseDoraStore.create({
      database: { getClient: async () => knex },
      isProduction: e => config.production.matches(e),
      productionSignature: config.production.signature,
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
    console.log(
      `[${db}] ingest: ${total} events in ${seconds.toFixed(
        1,
      )} s = ${Math.round(
        total / seconds,
      )} events/s (batches of ${BATCH}; validation ${(parseMs / 1000).toFixed(
        1,
      )} s + store ${(storeMs / 1000).toFixed(1)} s)`,
    );

    const count = async () =>
      Number((await knex('dora_deployments').count({ n: '*' }))[0].n);
    const before = await count();
    const resend = await service.ingest({ events: firstBatch ?? [] });
    console.log(
      `[${db}] resend of the first batch: ${JSON.stringify(
        resend,
      )}, deployments ${before} -> ${await count()}`,
    );

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
    console.log(
      `[${db}] per-entity /metrics 90 days: p50 ${ms(pct(per, 0.5))}, p95 ${ms(
        pct(per, 0.95),
      )} (200 entities)`,
    );

    const owner = async (days: number) => {
      const t = performance.now();
      const result = await service.getMetrics({
        owner: 'group:default/all',
        from: new Date(NOW - days * DAY),
        to,
        credentials,
      });
      return { ms: performance.now() - t, result };
    };
    const cold = await owner(90);
    console.log(
      `[${db}] owner of ${ENTITIES} entities, first query (builds the rollups of ${ENTITIES} entities x 4 months): ${ms(
        cold.ms,
      )}`,
    );
    for (const days of [30, 90]) {
      const times: number[] = [];
      let result = cold.result;
      for (let i = 0; i < 5; i++) {
        const run = await owner(days);
        times.push(run.ms);
        result = run.result;
      }
      console.log(
        `[${db}] owner of ${ENTITIES} entities /metrics ${days} days: median ${ms(
          pct(times, 0.5),
        )}, max ${ms(Math.max(...times))} (${
          result.deploymentFrequency.deployments
        } deployments, ${result.leadTimeForChanges.changes} changes)`,
      );
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
    console.log(
      `[${db}] owner 90 days right after a push touching 100 entities: ${ms(
        afterPush.ms,
      )} (rebuilds 100 stale rollups), next: ${ms(refreshed.ms)}`,
    );
  } finally {
    await drop();
  }
}

async function main() {
  console.log(
    `scale ${SCALE}: ${DEPLOYMENTS} deployments, ${INCIDENTS} incidents, ${ENTITIES} entities over 365 days`,
  );
  for (const db of DBS) await run(db);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
