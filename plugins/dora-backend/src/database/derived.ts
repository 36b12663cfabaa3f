import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { DoraLinkRule } from '@paved-road/plugin-dora-common';
import { LinkingPolicies, LinkingPolicy, linkingSignature } from './linking';

/*
 * Flags derived from several events, kept up to date on every ingest so that
 * reads are plain indexed aggregates:
 * - dora_changes.first_shipped: no earlier qualifying deployment of the same
 *   entity shipped the same sha (ties at the same instant both count);
 * - dora_incidents.linked_deployment_id / link_rule / unlinked_reason: by
 *   the rules of `dora.linking` in their order: `explicit` (the deployment
 *   the incident names, same entity, qualifying), `rollback` (the latest
 *   qualifying deployment before openedAt rolled back by a deployment that
 *   finished while the incident was open), `latest-before` (the latest
 *   qualifying one at or before openedAt, within the lookback). An excluded
 *   incident is never linked;
 * - dora_deployments.rolled_back_by / is_rollback: see rollbacks.ts.
 */

// Plain IN lists of this many values are fine on both engines.
const PAIRS_PER_STATEMENT = 2000;

const FIRST_SHIPPED = `CASE WHEN qualifies = 1 AND NOT EXISTS (
  SELECT 1 FROM dora_changes e
  WHERE e.entity_ref = dora_changes.entity_ref AND e.sha = dora_changes.sha
    AND e.qualifies = 1 AND e.finished_at < dora_changes.finished_at
) THEN 1 ELSE 0 END`;

/** Recomputes first_shipped for the given (entityRef, sha) pairs. @internal */
export async function refreshFirstShipped(
  trx: Knex,
  pairs: Array<[string, string]>,
): Promise<void> {
  for (const part of chunk(pairs, PAIRS_PER_STATEMENT)) {
    // The rows of these shas within these entities (a superset of the
    // pairs): the plain sha IN list is served by the (sha) index on both
    // engines, where row-value lists misled the planners. The entity filter
    // (dora_changes has no entity index to mislead them) keeps the update
    // to rows of entities this ingest has locked: updating another
    // entity's rows of the same sha deadlocked concurrent ingests.
    await trx('dora_changes')
      .whereIn('sha', [...new Set(part.map(p => p[1]))])
      .whereIn('entity_ref', [...new Set(part.map(p => p[0]))])
      .update({ first_shipped: trx.raw(FIRST_SHIPPED) });
  }
}

/** Recomputes first_shipped for every change. @internal */
export async function refreshAllFirstShipped(trx: Knex): Promise<void> {
  await trx('dora_changes').update({ first_shipped: trx.raw(FIRST_SHIPPED) });
}

const EXPLICIT = `FROM dora_deployments d
  WHERE dora_incidents.deployment_ref IS NOT NULL
    AND d.entity_ref = dora_incidents.entity_ref
    AND d.external_id = dora_incidents.deployment_ref AND d.qualifies = 1`;
// The deployment that a rollback finished during the incident rolled back.
const ROLLBACK = `FROM dora_deployments d
  JOIN dora_deployments r ON r.id = d.rolled_back_by
  WHERE d.entity_ref = dora_incidents.entity_ref AND d.qualifies = 1
    AND d.finished_at <= dora_incidents.opened_at
    AND r.finished_at >= dora_incidents.opened_at
    AND (dora_incidents.resolved_at IS NULL
      OR r.finished_at <= dora_incidents.resolved_at)`;
const LATEST_BEFORE = `FROM dora_deployments d
  WHERE d.entity_ref = dora_incidents.entity_ref
    AND d.finished_at <= dora_incidents.opened_at AND d.qualifies = 1`;
const ORDER = 'ORDER BY d.finished_at DESC, d.id DESC LIMIT 1';
// "+ 0" keeps the planners on the (entity_ref, external_id) index instead
// of walking all the entity's deployments in finished_at order.
const EXPLICIT_ORDER = 'ORDER BY d.finished_at + 0 DESC, d.id DESC LIMIT 1';

function latestBefore(policy: LinkingPolicy) {
  // An integer from validated config, never user input.
  return policy.lookbackMs === null
    ? LATEST_BEFORE
    : `${LATEST_BEFORE} AND d.finished_at >= dora_incidents.opened_at - ${Math.floor(
        policy.lookbackMs,
      )}`;
}

function ruleSql(policy: LinkingPolicy, rule: DoraLinkRule) {
  switch (rule) {
    case 'explicit':
      return { from: EXPLICIT, order: EXPLICIT_ORDER };
    case 'rollback':
      return { from: ROLLBACK, order: ORDER };
    default:
      return { from: latestBefore(policy), order: ORDER };
  }
}

function linkColumns(trx: Knex, policy: LinkingPolicy) {
  const rules = policy.rules.map(rule => ({ rule, ...ruleSql(policy, rule) }));
  const ids = rules.map(r => `(SELECT d.id ${r.from} ${r.order})`);
  let linked = 'NULL';
  if (ids.length === 1) linked = ids[0];
  if (ids.length > 1) linked = `COALESCE(${ids.join(', ')})`;
  const whens = rules
    .map(r => `WHEN EXISTS (SELECT 1 ${r.from}) THEN '${r.rule}'`)
    .join(' ');
  const beyondLookback =
    policy.lookbackMs !== null && policy.rules.includes('latest-before')
      ? `WHEN EXISTS (SELECT 1 ${LATEST_BEFORE}) THEN 'beyond-lookback'`
      : '';
  return {
    linked_deployment_id: trx.raw(
      `CASE WHEN dora_incidents.excluded = 1 THEN NULL ELSE ${linked} END`,
    ),
    link_rule: trx.raw(
      `CASE WHEN dora_incidents.excluded = 1 THEN NULL ${whens} ELSE NULL END`,
    ),
    unlinked_reason: trx.raw(
      `CASE WHEN dora_incidents.excluded = 1 THEN 'excluded' ${whens.replace(
        /THEN '[a-z-]+'/g,
        'THEN NULL',
      )} ${beyondLookback} ELSE 'no-deployment' END`,
    ),
  };
}

/** What a batch may have changed, for relinking incidents. @internal */
export type RelinkScope =
  | { incidentIds: number[] }
  | {
      entityRefs: string[];
      since: number;
      replacedDeploymentPks: number[];
      deploymentExternalIds: string[];
    }
  | { all: true };

/** Earliest change per entity, for marking rollups stale. @internal */
export type SinceMap = Map<string, number>;

/** Lowers each entity's entry in `since` to `ms`. @internal */
export function addSince(since: SinceMap, entityRef: string, ms: number) {
  const current = since.get(entityRef);
  if (current === undefined || ms < current) since.set(entityRef, ms);
}

async function linkTargets(
  trx: Knex,
  incidents: Knex.QueryBuilder,
  since: SinceMap,
) {
  const rows = await trx('dora_deployments')
    .whereIn(
      'id',
      incidents
        .clone()
        .whereNotNull('linked_deployment_id')
        .select('linked_deployment_id'),
    )
    .groupBy('entity_ref')
    .select('entity_ref', trx.raw('MIN(finished_at) AS t'));
  for (const row of rows) addSince(since, row.entity_ref, Number(row.t));
}

/**
 * Recomputes the deployment links of the incidents in scope, adding the
 * times of the deployments they were and are linked to into `since`.
 *
 * @internal
 */
export async function relinkIncidents(
  trx: Knex,
  scope: RelinkScope,
  policies: LinkingPolicies,
  since: SinceMap = new Map(),
): Promise<void> {
  const update = async (q: Knex.QueryBuilder, policy: LinkingPolicy) => {
    await linkTargets(trx, q, since);
    await q.clone().update(linkColumns(trx, policy));
    await linkTargets(trx, q, since);
  };
  if ('all' in scope) {
    const overridden = [...policies.overrides.keys()];
    await trx('dora_incidents')
      .whereNotIn('entity_ref', overridden)
      .update(linkColumns(trx, policies.base));
    for (const refs of policies.group(overridden).values()) {
      await trx('dora_incidents')
        .whereIn('entity_ref', refs)
        .update(linkColumns(trx, policies.for(refs[0])));
    }
    return;
  }
  const updateIds = async (ids: number[]) => {
    for (const [policy, group] of await byPolicy(trx, policies, ids)) {
      for (const part of chunk(group, PAIRS_PER_STATEMENT)) {
        await update(
          whereInList(trx, trx('dora_incidents'), 'id', part),
          policy,
        );
      }
    }
  };
  if ('incidentIds' in scope) {
    await updateIds(scope.incidentIds);
    return;
  }
  // Collect the ids first with one index-friendly query per condition
  // (OR'ed conditions made SQLite scan the table), then relink by id.
  const ids = new Set<number>();
  const collect = async (q: Knex.QueryBuilder) => {
    for (const row of await q.select('id')) ids.add(Number(row.id));
  };
  await collect(
    whereInList(
      trx,
      trx('dora_incidents'),
      'entity_ref',
      scope.entityRefs,
    ).where('opened_at', '>=', scope.since),
  );
  if (scope.replacedDeploymentPks.length > 0) {
    await collect(
      whereInList(
        trx,
        trx('dora_incidents'),
        'linked_deployment_id',
        scope.replacedDeploymentPks,
      ),
    );
  }
  await collect(
    whereInList(
      trx,
      trx('dora_incidents'),
      'deployment_ref',
      scope.deploymentExternalIds,
    ),
  );
  await updateIds([...ids]);
}

/** The incidents among `ids` grouped by the policy of their entity. */
async function byPolicy(
  trx: Knex,
  policies: LinkingPolicies,
  ids: number[],
): Promise<Array<[LinkingPolicy, number[]]>> {
  if (ids.length === 0) return [];
  if (policies.overrides.size === 0) return [[policies.base, ids]];
  const groups = new Map<string, [LinkingPolicy, number[]]>();
  for (const part of chunk(ids, PAIRS_PER_STATEMENT)) {
    const rows = await whereInList(
      trx,
      trx('dora_incidents'),
      'id',
      part,
    ).select('id', 'entity_ref');
    for (const row of rows) {
      const policy = policies.for(row.entity_ref);
      const key = linkingSignature(policy);
      const group = groups.get(key) ?? [policy, []];
      group[1].push(Number(row.id));
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}
