import { Knex } from 'knex';
import { FLAG_FAILED, FLAG_REWORK, emptyBucket, monthOf } from './rollupCodec';
import { readMs } from './time';

type Buckets = Map<string, ReturnType<typeof emptyBucket>>;
/** Key of one (entity, month) rollup. @internal */
export const rollupKey = (entityRef: string, month: number) =>
  `${month}|${entityRef}`;

function bucketFor(buckets: Buckets, entityRef: string, ms: number) {
  const k = rollupKey(entityRef, monthOf(ms));
  let b = buckets.get(k);
  if (!b) {
    b = emptyBucket();
    buckets.set(k, b);
  }
  return b;
}

/**
 * Reads the samples of entities over [from, to) from the event tables,
 * grouped by (entity, month) rollup key.
 *
 * @internal
 */
export async function collectSamples(
  trx: Knex,
  refs: string[],
  from: number,
  to: number,
) {
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
      'd.rolled_back_by',
      'd.is_rollback',
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
    const failed =
      d.status === 'rolled_back' ||
      (d.rolled_back_by !== null && d.rolled_back_by !== undefined) ||
      Number(d.linked) === 1;
    const rework =
      Number(d.rework) === 1 ||
      Number(d.is_rollback) === 1 ||
      Number(d.during) === 1;
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
    rows: Array<{ e: string; t: unknown; v: unknown }>,
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
