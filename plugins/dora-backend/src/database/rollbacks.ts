import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { SinceMap, addSince } from './derived';
import { LinkingPolicies, ROLLBACK_WINDOW_MS } from './linking';
import { readMs } from './time';

/*
 * Rollbacks from redeploys, when `dora.linking.rules` has `rollback`: a
 * qualifying deployment R of commit S is a rollback (is_rollback, counted as
 * rework) when an earlier qualifying deployment P of the same entity shipped
 * S at most ROLLBACK_WINDOW_MS before it and deployments of other commits
 * came in between: each of those gets rolled_back_by = R (the earliest such
 * R), so it counts as a failed deployment. P is the latest deployment of S
 * before R, so redeploying the same commit twice in a row is no rollback.
 *
 * A deployment's flags depend only on deployments at most one window
 * before it and one after: a change at time t is settled by recomputing
 * the flags of deployments from t - window, reading from t - 2 windows.
 */

const ENTITIES_PER_READ = 500;
const ROWS = 2000;

interface Row {
  id: number;
  t: number;
  sha: string | null;
  rolledBackBy: number | null;
  isRollback: boolean;
}

/** New flags of `rows` (sorted by time, then id). @internal */
export function computeRollbacks(rows: Row[], windowMs = ROLLBACK_WINDOW_MS) {
  const rolledBackBy = new Map<number, number>();
  const isRollback = new Set<number>();
  const lastIndex = new Map<string, number>();
  // Deployments without a commit are neither rollbacks nor rolled back.
  const known = rows.filter(row => row.sha !== null) as Array<
    Row & { sha: string }
  >;
  known.forEach((row, i) => {
    const j = lastIndex.get(row.sha);
    lastIndex.set(row.sha, i);
    if (j === undefined || i === j + 1) return;
    if (row.t - known[j].t > windowMs) return;
    isRollback.add(row.id);
    for (const between of known.slice(j + 1, i)) {
      if (!rolledBackBy.has(between.id)) rolledBackBy.set(between.id, row.id);
    }
  });
  return { rolledBackBy, isRollback };
}

/**
 * Recomputes the rollback flags of the entities in `since` from their
 * earliest change, adding the times of deployments whose flags changed.
 * Nothing to do unless the policy has the `rollback` rule.
 *
 * @internal
 */
export async function refreshRollbacks(
  trx: Knex,
  since: SinceMap,
  policies: LinkingPolicies,
  windowMs = ROLLBACK_WINDOW_MS,
): Promise<void> {
  const entities = [...since.keys()]
    .filter(ref => policies.for(ref).rules.includes('rollback'))
    .sort();
  if (entities.length === 0) return;
  for (const part of chunk(entities, ENTITIES_PER_READ)) {
    const earliest = Math.min(...part.map(e => since.get(e)!));
    const rows = await whereInList(
      trx,
      trx('dora_deployments'),
      'entity_ref',
      part,
    )
      .where('qualifies', 1)
      .where('finished_at', '>=', earliest - 2 * windowMs)
      .orderBy([
        { column: 'entity_ref' },
        { column: 'finished_at' },
        { column: 'id' },
      ])
      .select(
        'id',
        'entity_ref',
        'finished_at',
        'commit_sha',
        'rolled_back_by',
        'is_rollback',
      );
    const byEntity = new Map<string, Row[]>();
    for (const r of rows) {
      const list = byEntity.get(r.entity_ref) ?? [];
      list.push({
        id: Number(r.id),
        t: readMs(r.finished_at),
        sha: r.commit_sha ?? null,
        rolledBackBy:
          r.rolled_back_by === null ? null : Number(r.rolled_back_by),
        isRollback: Number(r.is_rollback) === 1,
      });
      byEntity.set(r.entity_ref, list);
    }
    const setRolledBack = new Map<number, number | null>();
    const setRollback = new Map<number, boolean>();
    for (const [entityRef, list] of byEntity) {
      const from = since.get(entityRef)! - windowMs;
      const rowsOfEntity = list.filter(r => r.t >= from - windowMs);
      const next = computeRollbacks(rowsOfEntity, windowMs);
      for (const row of rowsOfEntity) {
        if (row.t < from) continue;
        const by = next.rolledBackBy.get(row.id) ?? null;
        const rollback = next.isRollback.has(row.id);
        if (by !== row.rolledBackBy) setRolledBack.set(row.id, by);
        if (rollback !== row.isRollback) setRollback.set(row.id, rollback);
        if (by !== row.rolledBackBy || rollback !== row.isRollback) {
          addSince(since, entityRef, row.t);
        }
      }
    }
    await applyFlags(trx, setRolledBack, setRollback);
  }
}

async function applyFlags(
  trx: Knex,
  rolledBack: Map<number, number | null>,
  rollback: Map<number, boolean>,
) {
  // Grouped by value: few distinct values, one statement per chunk each.
  const byValue = new Map<string, number[]>();
  for (const [id, by] of rolledBack) {
    const key = String(by);
    byValue.set(key, [...(byValue.get(key) ?? []), id]);
  }
  for (const [key, ids] of byValue) {
    for (const part of chunk(ids, ROWS)) {
      await whereInList(trx, trx('dora_deployments'), 'id', part).update({
        rolled_back_by: key === 'null' ? null : Number(key),
      });
    }
  }
  for (const flag of [true, false]) {
    const ids = [...rollback].filter(([, v]) => v === flag).map(([id]) => id);
    for (const part of chunk(ids, ROWS)) {
      await whereInList(trx, trx('dora_deployments'), 'id', part).update({
        is_rollback: flag ? 1 : 0,
      });
    }
  }
}

/**
 * Recomputes the rollback flags of every deployment (after a config
 * change), or of the given entities' (after their annotation changed):
 * cleared where the entity's policy has no `rollback` rule.
 *
 * @internal
 */
export async function refreshAllRollbacks(
  trx: Knex,
  policies: LinkingPolicies,
  entityRefs?: string[],
): Promise<void> {
  const scoped = (q: Knex.QueryBuilder) =>
    entityRefs ? q.whereIn('entity_ref', entityRefs) : q;
  await scoped(trx('dora_deployments'))
    .where(q => q.whereNotNull('rolled_back_by').orWhere('is_rollback', 1))
    .update({ rolled_back_by: null, is_rollback: 0 });
  const rows = await scoped(trx('dora_deployments'))
    .where('qualifies', 1)
    .groupBy('entity_ref')
    .select('entity_ref', trx.raw('MIN(finished_at) AS t'));
  const since: SinceMap = new Map(
    rows.map((r: { entity_ref: string; t: unknown }) => [
      r.entity_ref,
      readMs(r.t) + ROLLBACK_WINDOW_MS,
    ]),
  );
  await refreshRollbacks(trx, since, policies);
}
