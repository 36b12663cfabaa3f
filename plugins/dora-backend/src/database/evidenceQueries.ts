import { Knex } from 'knex';
import {
  DoraDeploymentStatus,
  DoraLinkRule,
} from '@paved-road/plugin-dora-common';
import { DeploymentEvidenceRecord, EvidencePage } from './types';
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
      status: row.status as DoraDeploymentStatus,
      startedAt: readMsOrNull(row.started_at),
      finishedAt: readMs(row.finished_at),
      commitSha: row.commit_sha,
      rework: Number(row.rework) === 1,
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
