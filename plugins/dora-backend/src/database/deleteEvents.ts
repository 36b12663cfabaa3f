import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import {
  SinceMap,
  addSince,
  refreshFirstShipped,
  relinkIncidents,
} from './derived';
import { monthOf } from './rollupCodec';
import { LinkingPolicies, LinkingPolicy } from './linking';
import { refreshRollbacks } from './rollbacks';
import { lockForIngest, markStale } from './rollups';
import { readMs } from './time';

/*
 * Deleting events keeps the derived flags and rollups right, like ingest:
 * in one transaction the entities are locked, the rows go with their
 * changes, first_shipped is recomputed for the deleted shas, incidents
 * linked to a deleted deployment are relinked by the same rules as on
 * ingest (`dora.linking`; rollback flags too when it has `rollback`), and the entities' rollups are marked stale from the first
 * month that changed.
 */

// Plain IN lists of this many values are fine on both engines.
const ROWS = 2000;

/** One stored event to delete. @internal */
export interface EventKey {
  kind: 'deployment' | 'incident' | 'build';
  source: string;
  id: string;
}

/** The row ids of the events to delete. @internal */
export interface DeletionTarget {
  deploymentIds: number[];
  incidentIds: number[];
  /** Builds: no derived flags or rollups depend on them. */
  buildIds: number[];
}

const TABLES = {
  deployment: 'dora_deployments',
  incident: 'dora_incidents',
  build: 'dora_builds',
} as const;

/** How many events a target names. @internal */
export const targetSize = (t: DeletionTarget) =>
  t.deploymentIds.length + t.incidentIds.length + t.buildIds.length;

/** The row ids of the stored events among `keys`. @internal */
export async function findByKeys(
  knex: Knex,
  keys: EventKey[],
): Promise<DeletionTarget & { entityRefs: string[] }> {
  const found = {
    deploymentIds: [] as number[],
    incidentIds: [] as number[],
    buildIds: [] as number[],
    entityRefs: new Set<string>(),
  };
  const lists = {
    deployment: found.deploymentIds,
    incident: found.incidentIds,
    build: found.buildIds,
  };
  for (const kind of ['deployment', 'incident', 'build'] as const) {
    const wanted = keys.filter(k => k.kind === kind);
    const wantedKeys = new Set(
      wanted.map(k => JSON.stringify([k.source, k.id])),
    );
    for (const part of chunk(wanted, ROWS)) {
      const rows = await whereInList(
        knex,
        knex(TABLES[kind]).whereIn('source', [
          ...new Set(part.map(k => k.source)),
        ]),
        'external_id',
        part.map(k => k.id),
      ).select('id', 'source', 'external_id', 'entity_ref');
      for (const row of rows) {
        if (!wantedKeys.has(JSON.stringify([row.source, row.external_id]))) {
          continue;
        }
        lists[kind].push(Number(row.id));
        found.entityRefs.add(row.entity_ref);
      }
    }
  }
  return { ...found, entityRefs: [...found.entityRefs] };
}

/** The row ids of one source's events of one entity. @internal */
export async function findBySource(
  knex: Knex,
  source: string,
  entityRef: string,
): Promise<DeletionTarget> {
  const ids = async (table: string) =>
    (
      await knex(table).where({ source, entity_ref: entityRef }).select('id')
    ).map(r => Number(r.id));
  return {
    deploymentIds: await ids('dora_deployments'),
    incidentIds: await ids('dora_incidents'),
    buildIds: await ids('dora_builds'),
  };
}

/**
 * The row ids of at most `limit` deployments finished, `limit` incidents
 * opened and `limit` builds finished before `before`, oldest first.
 *
 * @internal
 */
export async function findOlderThan(
  knex: Knex,
  before: number,
  limit: number,
): Promise<DeletionTarget> {
  const ids = async (table: string, column: string) =>
    (
      await knex(table)
        .where(column, '<', before)
        .orderBy(column)
        .limit(limit)
        .select('id')
    ).map(r => Number(r.id));
  return {
    deploymentIds: await ids('dora_deployments', 'finished_at'),
    incidentIds: await ids('dora_incidents', 'opened_at'),
    buildIds: await ids('dora_builds', 'finished_at'),
  };
}

type Row = { id: number; entityRef: string; at: number };

async function readRows(
  trx: Knex,
  table: string,
  column: string,
  ids: number[],
  extra: string[] = [],
): Promise<Array<Row & Record<string, unknown>>> {
  const rows = [];
  for (const part of chunk(ids, ROWS)) {
    const found = await whereInList(trx, trx(table), 'id', part).select(
      'id',
      'entity_ref',
      column,
      ...extra,
    );
    for (const r of found) {
      rows.push({
        ...r,
        id: Number(r.id),
        entityRef: r.entity_ref,
        at: readMs(r[column]),
      });
    }
  }
  return rows;
}

/**
 * Deletes the target's events (rows gone meanwhile are skipped) with their
 * changes, relinks the incidents that were linked to a deleted deployment
 * and marks the rollups of the affected entities stale. Returns how many
 * events were deleted. Run inside a transaction.
 *
 * @internal
 */
export async function deleteEvents(
  trx: Knex,
  target: DeletionTarget,
  policy: LinkingPolicy,
): Promise<number> {
  // Builds stand alone: deleted directly, nothing derived to refresh.
  let builds = 0;
  for (const part of chunk(target.buildIds, ROWS)) {
    builds += await whereInList(trx, trx('dora_builds'), 'id', part).delete();
  }
  // Rows are read, then their entities locked, then read again under the
  // lock: a concurrent ingest may have changed them in between.
  const entities = new Set<string>();
  for (const r of await readRows(
    trx,
    'dora_deployments',
    'finished_at',
    target.deploymentIds,
  ))
    entities.add(r.entityRef);
  for (const r of await readRows(
    trx,
    'dora_incidents',
    'opened_at',
    target.incidentIds,
  ))
    entities.add(r.entityRef);
  if (entities.size === 0) return builds;
  await lockForIngest(trx, [...entities]);

  const since: SinceMap = new Map();
  const deployments = await readRows(
    trx,
    'dora_deployments',
    'finished_at',
    target.deploymentIds,
  );
  const incidents = await readRows(
    trx,
    'dora_incidents',
    'opened_at',
    target.incidentIds,
    ['linked_deployment_id'],
  );
  for (const row of [...deployments, ...incidents]) {
    addSince(since, row.entityRef, row.at);
  }
  // A deleted incident's failure was counted at its deployment's time.
  const linked = incidents
    .map(i => i.linked_deployment_id)
    .filter(id => id !== null && id !== undefined)
    .map(Number);
  for (const d of await readRows(
    trx,
    'dora_deployments',
    'finished_at',
    linked,
  )) {
    addSince(since, d.entityRef, d.at);
  }

  const deploymentIds = deployments.map(d => d.id);
  const incidentIds = incidents.map(i => i.id);
  for (const part of chunk(incidentIds, ROWS)) {
    await whereInList(trx, trx('dora_incidents'), 'id', part).delete();
  }

  const pairs = new Map<string, [string, string]>();
  const relink: number[] = [];
  for (const part of chunk(deploymentIds, ROWS)) {
    const changes = await whereInList(
      trx,
      trx('dora_changes'),
      'deployment_id',
      part,
    ).select('entity_ref', 'sha');
    for (const c of changes) {
      pairs.set(JSON.stringify([c.entity_ref, c.sha]), [c.entity_ref, c.sha]);
    }
    const orphans = await whereInList(
      trx,
      trx('dora_incidents'),
      'linked_deployment_id',
      part,
    ).select('id', 'opened_at', 'entity_ref');
    for (const i of orphans) {
      relink.push(Number(i.id));
      addSince(since, i.entity_ref, readMs(i.opened_at));
    }
    await whereInList(trx, trx('dora_changes'), 'deployment_id', part).delete();
    await whereInList(trx, trx('dora_deployments'), 'id', part).delete();
  }
  await refreshFirstShipped(trx, [...pairs.values()]);
  const policies = await LinkingPolicies.load(trx, policy, [...since.keys()]);
  if (
    deploymentIds.length > 0 &&
    [...since.keys()].some(ref => policies.for(ref).rules.includes('rollback'))
  ) {
    // A deleted deployment may have been a rollback or rolled back.
    await refreshRollbacks(trx, since, policies);
    await relinkIncidents(
      trx,
      {
        entityRefs: [...since.keys()],
        since: Math.min(...since.values()),
        replacedDeploymentPks: [],
        deploymentExternalIds: [],
      },
      policies,
      since,
    );
  }
  await relinkIncidents(trx, { incidentIds: relink }, policies, since);
  await markStale(trx, since);
  return deploymentIds.length + incidentIds.length + builds;
}

/**
 * Drops the rollups of months before `before`'s month, which retention
 * has emptied (a missing rollup is rebuilt on read if one is needed).
 *
 * @internal
 */
export async function dropRollupsBefore(trx: Knex, before: number) {
  await trx('dora_rollups').where('month', '<', monthOf(before)).delete();
}
