import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import {
  BucketSamples,
  FLAG_FAILED,
  FLAG_REWORK,
  decodeBucket,
  emptyBucket,
  encodeBucket,
  monthOf,
  monthStart,
} from './rollupCodec';
import { readMs } from './time';

/*
 * Monthly per-entity rollups for owner queries. Ingest bumps each touched
 * entity's version row (a row lock held until commit) and marks its
 * rollups stale from the first month it may have changed. Builders take
 * the same row locks, in the same sorted order, before reading, so a
 * rollup is never built from data an uncommitted ingest is changing.
 */

const ENTITIES_PER_BUILD = 250;

async function lockEntities(trx: Knex, entityRefs: string[], bump: number) {
  // Sorted, so concurrent ingests and builds lock rows in the same order.
  const refs = [...new Set(entityRefs)].sort();
  await bulkInsert(
    trx,
    'dora_entity_versions',
    refs.map(entity_ref => ({ entity_ref, version: 1 })),
    {
      types: { entity_ref: 'text', version: 'bigint' },
      conflictUpdate: `version = dora_entity_versions.version + ${bump}`,
      conflict: ['entity_ref'],
    },
  );
}

/** Locks the entities an ingest is about to change. @internal */
export async function lockForIngest(trx: Knex, entityRefs: string[]) {
  await lockEntities(trx, entityRefs, 1);
}

/** Marks rollups stale from the month of each entity's earliest change. @internal */
export async function markStale(trx: Knex, since: Map<string, number>) {
  const byMonth = new Map<number, string[]>();
  for (const [entityRef, ms] of since) {
    const month = monthOf(ms);
    byMonth.set(month, [...(byMonth.get(month) ?? []), entityRef]);
  }
  for (const [month, refs] of byMonth) {
    for (let i = 0; i < refs.length; i += 500) {
      await trx('dora_rollups')
        .whereIn('entity_ref', refs.slice(i, i + 500))
        .where('month', '>=', month)
        .update({ data: null });
    }
  }
}

type Buckets = Map<string, ReturnType<typeof emptyBucket>>;
const key = (entityRef: string, month: number) => `${month}|${entityRef}`;

function bucketFor(buckets: Buckets, entityRef: string, ms: number) {
  const k = key(entityRef, monthOf(ms));
  let b = buckets.get(k);
  if (!b) {
    b = emptyBucket();
    buckets.set(k, b);
  }
  return b;
}

/** Reads the samples of entities over [from, to) from the raw tables. */
async function collect(trx: Knex, refs: string[], from: number, to: number) {
  const buckets: Buckets = new Map();
  const deployments = await trx('dora_deployments as d')
    .whereIn('d.entity_ref', refs)
    .where('d.qualifies', 1)
    .where('d.finished_at', '>=', from)
    .where('d.finished_at', '<', to)
    .select(
      'd.entity_ref',
      'd.finished_at',
      'd.status',
      'd.rework',
      trx.raw(
        'CASE WHEN EXISTS (SELECT 1 FROM dora_incidents i WHERE i.linked_deployment_id = d.id) THEN 1 ELSE 0 END AS linked',
      ),
      trx.raw(
        `CASE WHEN EXISTS (SELECT 1 FROM dora_incidents i WHERE i.entity_ref = d.entity_ref
          AND i.opened_at <= d.finished_at AND (i.resolved_at IS NULL OR d.finished_at < i.resolved_at))
          THEN 1 ELSE 0 END AS during`,
      ),
    );
  for (const d of deployments) {
    const t = readMs(d.finished_at);
    const failed = d.status === 'rolled_back' || Number(d.linked) === 1;
    const rework = Number(d.rework) === 1 || Number(d.during) === 1;
    const b = bucketFor(buckets, d.entity_ref, t).deployments;
    b.t.push(t);
    b.v.push((failed ? FLAG_FAILED : 0) | (rework ? FLAG_REWORK : 0));
  }
  // Sequential: one transaction is one connection.
  const [lead, restore, recovery] = [
    await trx('dora_deployments as d')
      .join('dora_changes as c', 'c.deployment_id', 'd.id')
      .whereIn('d.entity_ref', refs)
      .where('d.finished_at', '>=', from)
      .where('d.finished_at', '<', to)
      .where('c.first_shipped', 1)
      .where('c.lead_ms', '>', 0)
      .select({ e: 'd.entity_ref', t: 'd.finished_at', v: 'c.lead_ms' }),
    await trx('dora_incidents')
      .whereIn('entity_ref', refs)
      .whereNotNull('resolved_at')
      .where('opened_at', '>=', from)
      .where('opened_at', '<', to)
      .select({
        e: 'entity_ref',
        t: 'opened_at',
        v: trx.raw('resolved_at - opened_at'),
      }),
    await trx('dora_incidents as i')
      .join('dora_deployments as d', 'd.id', 'i.linked_deployment_id')
      .whereIn('d.entity_ref', refs)
      .where('d.qualifies', 1)
      .whereNotNull('i.resolved_at')
      .where('d.finished_at', '>=', from)
      .where('d.finished_at', '<', to)
      .select({
        e: 'd.entity_ref',
        t: 'd.finished_at',
        v: trx.raw('i.resolved_at - d.finished_at'),
      }),
  ];
  const add = (
    rows: any[],
    pick: (b: ReturnType<typeof emptyBucket>) => { t: number[]; v: number[] },
  ) => {
    for (const r of rows) {
      const t = readMs(r.t);
      const s = pick(bucketFor(buckets, r.e, t));
      s.t.push(t);
      s.v.push(readMs(r.v));
    }
  };
  add(lead, b => b.lead);
  add(restore, b => b.restore);
  add(recovery, b => b.recovery);
  return buckets;
}

/** Builds and stores the rollups of entities for months [first, last]. */
async function build(knex: Knex, refs: string[], first: number, last: number) {
  await knex.transaction(async trx => {
    await lockEntities(trx, refs, 0);
    const buckets = await collect(
      trx,
      refs,
      monthStart(first),
      monthStart(last + 1),
    );
    const rows = [];
    for (const entityRef of refs) {
      for (let month = first; month <= last; month++) {
        const b = buckets.get(key(entityRef, month)) ?? emptyBucket();
        rows.push({ entity_ref: entityRef, month, data: encodeBucket(b) });
      }
    }
    await bulkInsert(trx, 'dora_rollups', rows, {
      conflict: ['entity_ref', 'month'],
    });
  });
}

/**
 * The rollups of entities for months [first, last], building the missing
 * and stale ones first.
 *
 * @internal
 */
export async function readRollups(
  knex: Knex,
  entityRefs: string[],
  first: number,
  last: number,
): Promise<BucketSamples[]> {
  const read = async (refs: string[]) =>
    knex('dora_rollups')
      .whereIn('entity_ref', refs)
      .whereBetween('month', [first, last])
      .select('entity_ref', 'month', 'data');
  let rows = await read(entityRefs);
  for (let attempt = 0; ; attempt++) {
    const fresh = new Set(
      rows.filter(r => r.data !== null).map(r => key(r.entity_ref, r.month)),
    );
    // Only the stale (entity, month) pairs are rebuilt, month by month.
    const staleByMonth = new Map<number, string[]>();
    for (let month = first; month <= last; month++) {
      const refs = entityRefs.filter(e => !fresh.has(key(e, month)));
      if (refs.length > 0) staleByMonth.set(month, refs);
    }
    if (staleByMonth.size === 0) return rows.map(r => decodeBucket(r.data));
    if (attempt === 5) {
      throw new Error(
        'DORA rollups keep changing under concurrent ingest; retry',
      );
    }
    for (const [month, refs] of staleByMonth) {
      for (let i = 0; i < refs.length; i += ENTITIES_PER_BUILD) {
        await build(knex, refs.slice(i, i + ENTITIES_PER_BUILD), month, month);
      }
    }
    const stale = new Set([...staleByMonth.values()].flat());
    rows = [
      ...rows.filter(r => !stale.has(r.entity_ref)),
      ...(await read([...stale])),
    ];
  }
}

/** Rebuilds stale rollups, e.g. from a scheduled task. @internal */
export async function refreshStaleRollups(knex: Knex): Promise<number> {
  const stale = await knex('dora_rollups')
    .whereNull('data')
    .select('entity_ref', 'month')
    .limit(20000);
  const byMonth = new Map<number, string[]>();
  for (const r of stale)
    byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r.entity_ref]);
  for (const [month, refs] of byMonth) {
    for (let i = 0; i < refs.length; i += ENTITIES_PER_BUILD) {
      await build(knex, refs.slice(i, i + ENTITIES_PER_BUILD), month, month);
    }
  }
  return stale.length;
}
