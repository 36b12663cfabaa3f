import {
  DORA_MAX_PIPELINE_LENGTH,
  DoraBuildEvent,
  DoraBuildStatus,
} from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';
import { GitlabClient } from './GitlabClient';
import { GITLAB_SOURCE } from './constants';
import { DeploymentCursor, encodeCursor, isAfter, loadCursor } from './cursor';
import { deploymentEventId } from './mapping';
import { GitlabPipeline, GitlabProject } from './types';

/**
 * Pipeline detail calls (`GET /projects/:id/pipelines/:pipeline_id`) per
 * project and sync at most; the rest waits for the next sync.
 */
export const MAX_PIPELINE_DETAILS = 50;

/** The cursor scope of a project's builds, apart from its deployments. */
export const buildCursorScope = (projectId: number) => `builds:${projectId}`;

/**
 * The build status of a pipeline status: `success`, `failed` and
 * `canceled` are builds; `skipped`, `manual`, `created`, `pending`,
 * `running`, ... are not (yet).
 */
export function pipelineBuildStatus(
  status: string,
): DoraBuildStatus | undefined {
  if (status === 'success') return 'success';
  if (status === 'failed') return 'failure';
  if (status === 'canceled') return 'cancelled';
  return undefined;
}

/**
 * Build events of one finished pipeline (as `GET /pipelines/:id` answers),
 * one per entity of the project; `undefined` when GitLab gives no times.
 */
export function toBuildEvents(
  pipeline: GitlabPipeline,
  status: DoraBuildStatus,
  entityRefs: string[],
): DoraBuildEvent[] | undefined {
  // A pipeline cancelled before it started has no started_at.
  const startedAt = pipeline.started_at ?? pipeline.created_at;
  const end = pipeline.finished_at ?? pipeline.updated_at;
  if (!startedAt || !end) return undefined;
  const finishedAt = Date.parse(end) >= Date.parse(startedAt) ? end : startedAt;
  const name =
    pipeline.name?.trim() || pipeline.ref?.trim() || `pipeline ${pipeline.id}`;
  const cut = name.slice(0, DORA_MAX_PIPELINE_LENGTH);
  return entityRefs.map(entityRef => ({
    kind: 'build',
    source: GITLAB_SOURCE,
    id: deploymentEventId(pipeline.id, entityRef, entityRefs.length),
    entityRef,
    pipeline: /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut,
    status,
    startedAt,
    finishedAt,
    ...(pipeline.sha && { commitSha: pipeline.sha }),
  }));
}

/**
 * Reads the pipelines of one project updated since its builds cursor
 * (oldest first) and ingests the finished ones as builds, page by page,
 * moving the cursor past each page once ingested. A pipeline still under
 * way is passed over: finishing updates it, so it comes back after the
 * cursor. At most {@link MAX_PIPELINE_DETAILS} pipelines are read in detail
 * per sync; the cursor then stops at the last one handled.
 */
export class GitlabBuildSync {
  constructor(
    private readonly options: {
      client: GitlabClient;
      lookbackDays: number;
      now: () => number;
    },
  ) {}

  async syncProject(
    project: GitlabProject,
    entityRefs: string[],
    context: DoraProviderSyncContext,
  ): Promise<void> {
    if (entityRefs.length === 0) return;
    const { client } = this.options;
    const scope = buildCursorScope(project.id);
    const { cursor, readFrom: updatedAfter } = await loadCursor(
      context,
      scope,
      this.options,
    );
    let details = 0;
    for await (const page of client.pipelinePages(
      project.id,
      { updatedAfter },
      context.signal,
    )) {
      // The position is (updated_at, id), kept in the cursor's fields.
      let last: DeploymentCursor | undefined;
      const events: DoraBuildEvent[] = [];
      let full = false;
      for (const listed of page) {
        if (!listed.updated_at) continue;
        const position = { finishedAt: listed.updated_at, id: listed.id };
        if (!isAfter(position, cursor)) continue;
        const status = pipelineBuildStatus(listed.status);
        if (status) {
          if (details >= MAX_PIPELINE_DETAILS) {
            full = true;
            break;
          }
          details += 1;
          const pipeline = await client.getPipeline(
            project.id,
            listed.id,
            context.signal,
          );
          const detailStatus = pipeline && pipelineBuildStatus(pipeline.status);
          if (pipeline && detailStatus) {
            events.push(
              ...(toBuildEvents(pipeline, detailStatus, entityRefs) ?? []),
            );
          }
        }
        if (!last || isAfter(position, last)) last = position;
      }
      if (events.length) await context.ingest(events);
      if (last) await context.cursors.set(scope, encodeCursor(last));
      if (full) return;
    }
  }
}
