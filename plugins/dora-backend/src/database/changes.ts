import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { bulkInsert } from './bulkInsert';
import { refreshFirstShipped } from './derived';
import { DeploymentRecord } from './types';

// Plain IN lists of this many values are fine on both engines.
const IN_LIST = 2000;

const CHANGE_TYPES = {
  deployment_id: 'bigint',
  entity_ref: 'text',
  sha: 'text',
  committed_at: 'bigint',
  finished_at: 'bigint',
  lead_ms: 'bigint',
  qualifies: 'integer',
  first_shipped: 'integer',
};

const pairKey = (entityRef: string, sha: string) => `${sha}\u0000${entityRef}`;

/**
 * Replaces the change rows of the given deployments. `first_shipped` of
 * new rows is computed here from the earliest qualifying shipment already
 * stored, so rows are written once; stored rows are recomputed only where
 * they may flip (a resend removed a shipment, or a new one is earlier).
 *
 * @internal
 */
export async function replaceChanges(options: {
  trx: Knex;
  deployments: DeploymentRecord[];
  ids: Map<string, number>;
  replacedIds: number[];
  qualifies: (d: DeploymentRecord) => boolean;
}): Promise<void> {
  const { trx, deployments, ids, qualifies } = options;
  const recompute = new Map<string, [string, string]>();
  for (const part of chunk(options.replacedIds, IN_LIST)) {
    const old = await trx('dora_changes')
      .whereIn('deployment_id', part)
      .select('entity_ref', 'sha');
    for (const r of old)
      recompute.set(pairKey(r.entity_ref, r.sha), [r.entity_ref, r.sha]);
    await trx('dora_changes').whereIn('deployment_id', part).delete();
  }

  const rows = deployments.flatMap(d =>
    d.changes.map(c => ({
      deployment_id: ids.get(JSON.stringify([d.source, d.id])),
      entity_ref: d.entityRef,
      sha: c.sha,
      committed_at: c.committedAt,
      finished_at: d.finishedAt,
      lead_ms: d.finishedAt - c.committedAt,
      qualifies: qualifies(d) ? 1 : 0,
      first_shipped: 0,
    })),
  );
  const stored = new Map<string, number>();
  for (const shas of chunk([...new Set(rows.map(r => r.sha))], IN_LIST)) {
    const found = await whereInList(trx, trx('dora_changes'), 'sha', shas)
      .where('qualifies', 1)
      .groupBy('sha', 'entity_ref')
      .select('sha', 'entity_ref', trx.raw('MIN(finished_at) AS t'));
    for (const r of found)
      stored.set(pairKey(r.entity_ref, r.sha), Number(r.t));
  }
  const batchMin = new Map<string, number>();
  for (const r of rows) {
    const k = pairKey(r.entity_ref, r.sha);
    if (r.qualifies && r.finished_at < (batchMin.get(k) ?? Infinity)) {
      batchMin.set(k, r.finished_at);
    }
  }
  for (const r of rows) {
    const k = pairKey(r.entity_ref, r.sha);
    const first = Math.min(
      stored.get(k) ?? Infinity,
      batchMin.get(k) ?? Infinity,
    );
    r.first_shipped = r.qualifies && r.finished_at === first ? 1 : 0;
    if (
      (batchMin.get(k) ?? Infinity) < (stored.get(k) ?? Infinity) &&
      stored.has(k)
    ) {
      recompute.set(k, [r.entity_ref, r.sha]);
    }
  }
  await bulkInsert(trx, 'dora_changes', rows, { types: CHANGE_TYPES });
  await refreshFirstShipped(trx, [...recompute.values()]);
}
