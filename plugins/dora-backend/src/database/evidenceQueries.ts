import { Knex } from 'knex';
import {
  DoraDeploymentStatus,
  DoraLinkRule,
  DoraUnlinkedReason,
} from '@paved-road/plugin-dora-common';
import { DeploymentEvidenceRecord, EvidencePage, IncidentPage } from './types';
import { readMs, readMsOrNull } from './time';

/** Deployments newest first with their changes and linked incidents. @internal */
export async function readEvidence(
  knex: Knex,
  options: {
    entityRefs: string[];
    from: number;
    to: number;
    environments?: string[];
    after?: { finishedAt: number; id: number };
    limit: number;
  },
): Promise<EvidencePage> {
  let query = knex('dora_deployments')
    .whereIn('entity_ref', options.entityRefs)
    .where('finished_at', '>=', options.from)
    .where('finished_at', '<', options.to);
  if (options.environments) {
    query = query.whereIn('environment', options.environments);
  }
  const after = options.after;
  if (after) {
    query = query.where(q =>
      q
        .where('finished_at', '<', after.finishedAt)
        .orWhere(w =>
          w.where('finished_at', after.finishedAt).where('id', '<', after.id),
        ),
    );
  }
  const rows = await query
    .orderBy([
      { column: 'finished_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(options.limit + 1)
    .select();
  const page = rows.slice(0, options.limit);
  const ids = page.map(r => r.id);
  const [changes, incidents] = await Promise.all([
    knex('dora_changes')
      .whereIn('deployment_id', ids)
      .orderBy([{ column: 'committed_at' }, { column: 'sha' }])
      .select('deployment_id', 'sha', 'committed_at'),
    knex('dora_incidents')
      .whereIn('linked_deployment_id', ids)
      .orderBy([{ column: 'opened_at' }, { column: 'id' }])
      .select(),
  ]);
  const items = page.map((row): DeploymentEvidenceRecord => {
    const own = (r: {
      deployment_id?: unknown;
      linked_deployment_id?: unknown;
    }) => String(r.deployment_id ?? r.linked_deployment_id) === String(row.id);
    return {
      source: row.source,
      id: row.external_id,
      entityRef: row.entity_ref,
      environment: row.environment,
      // Rolled back by a later redeploy (`dora.linking` rule `rollback`).
      status: (row.rolled_back_by !== null && row.rolled_back_by !== undefined
        ? 'rolled_back'
        : row.status) as DoraDeploymentStatus,
      startedAt: readMsOrNull(row.started_at),
      finishedAt: readMs(row.finished_at),
      commitSha: row.commit_sha,
      rework: Number(row.rework) === 1 || Number(row.is_rollback) === 1,
      changes: changes
        .filter(own)
        .map(c => ({ sha: c.sha, committedAt: readMs(c.committed_at) })),
      incidents: incidents.filter(own).map(i => ({
        source: i.source,
        id: i.external_id,
        openedAt: readMs(i.opened_at),
        resolvedAt: readMsOrNull(i.resolved_at),
        severity: i.severity,
        rule: i.link_rule as DoraLinkRule,
      })),
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    after:
      rows.length > options.limit && last
        ? { finishedAt: readMs(last.finished_at), id: Number(last.id) }
        : null,
  };
}

/** Incidents opened in [from, to), newest first, with their links. @internal */
export async function readIncidents(
  knex: Knex,
  options: {
    entityRefs: string[];
    from: number;
    to: number;
    after?: { finishedAt: number; id: number };
    limit: number;
  },
): Promise<IncidentPage> {
  let query = knex('dora_incidents as i')
    .leftJoin('dora_deployments as d', 'd.id', 'i.linked_deployment_id')
    .whereIn('i.entity_ref', options.entityRefs)
    .where('i.opened_at', '>=', options.from)
    .where('i.opened_at', '<', options.to);
  const after = options.after;
  if (after) {
    query = query.where(q =>
      q
        .where('i.opened_at', '<', after.finishedAt)
        .orWhere(w =>
          w.where('i.opened_at', after.finishedAt).where('i.id', '<', after.id),
        ),
    );
  }
  const rows = await query
    .orderBy([
      { column: 'i.opened_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ])
    .limit(options.limit + 1)
    .select(
      'i.id',
      'i.source',
      'i.external_id',
      'i.entity_ref',
      'i.opened_at',
      'i.resolved_at',
      'i.severity',
      'i.link_rule',
      'i.unlinked_reason',
      { d_source: 'd.source', d_id: 'd.external_id' },
    );
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(r => ({
      source: r.source,
      id: r.external_id,
      entityRef: r.entity_ref,
      openedAt: readMs(r.opened_at),
      resolvedAt: readMsOrNull(r.resolved_at),
      severity: r.severity ?? null,
      link:
        r.link_rule && r.d_id
          ? {
              rule: r.link_rule as DoraLinkRule,
              deployment: { source: r.d_source, id: r.d_id },
            }
          : null,
      unlinkedReason: r.link_rule
        ? null
        : ((r.unlinked_reason ?? 'no-deployment') as DoraUnlinkedReason),
    })),
    after:
      rows.length > options.limit && last
        ? { finishedAt: readMs(last.opened_at), id: Number(last.id) }
        : null,
  };
}
