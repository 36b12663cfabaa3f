import {
  DORA_MAX_EVENTS_PER_REQUEST,
  DoraEvent,
} from '@paved-road/plugin-dora-common';
import {
  DoraProviderSyncContext,
  EnvironmentMatcher,
} from '@paved-road/plugin-dora-node';
import { GitlabClient } from './GitlabClient';
import { DeploymentCursor, encodeCursor, isAfter, loadCursor } from './cursor';
import {
  GitlabShipped,
  deploymentFinishedAt,
  ownCommitShipped,
  toDeploymentEvents,
  toShipped,
} from './mapping';
import { GitlabCommit, GitlabDeployment, GitlabProject } from './types';

/**
 * Reads the deployments of one project since its cursor, page by page, and
 * ingests each page before moving the cursor past it: a crash re-reads at
 * most one page (idempotent), never skips one.
 */
export class GitlabDeploymentSync {
  constructor(
    private readonly options: {
      client: GitlabClient;
      environments: EnvironmentMatcher;
      lookbackDays: number;
      now: () => number;
    },
  ) {}

  async syncProject(
    project: GitlabProject,
    entityRefs: string[],
    context: DoraProviderSyncContext,
  ): Promise<void> {
    const { client, environments } = this.options;
    const scope = String(project.id);
    const { cursor, readFrom: finishedAfter } = await loadCursor(
      context,
      scope,
      this.options,
    );

    const pages = client.deploymentPages(
      project.id,
      { finishedAfter, environment: environments.singleName },
      context.signal,
    );
    for await (const page of pages) {
      let last: DeploymentCursor | undefined;
      const events: DoraEvent[] = [];
      let unmatched = 0;
      for (const deployment of page) {
        const finishedAt = deploymentFinishedAt(deployment);
        if (!finishedAt) continue;
        const position = { finishedAt, id: deployment.id };
        if (!isAfter(position, cursor)) continue;
        if (!last || isAfter(position, last)) last = position;
        if (!environments.matches(deployment.environment?.name ?? '')) continue;
        if (entityRefs.length === 0) {
          unmatched += 1;
          continue;
        }
        const shipped = await this.shippedBy(
          project.id,
          deployment,
          context.signal,
        );
        events.push(
          ...toDeploymentEvents({ deployment, entityRefs, ...shipped }),
        );
      }
      for (let i = 0; i < events.length; i += DORA_MAX_EVENTS_PER_REQUEST) {
        await context.ingest(events.slice(i, i + DORA_MAX_EVENTS_PER_REQUEST));
      }
      if (unmatched) context.countUnmatched(unmatched);
      if (last) await context.cursors.set(scope, encodeCursor(last));
    }
  }

  /**
   * The commits of the merge requests deployed with it, de-duplicated; the
   * deployment's own commit when no merge request came with it. Rework
   * when one of those commits, or a merge request's title, is a revert.
   */
  async shippedBy(
    projectId: number,
    deployment: GitlabDeployment,
    signal?: AbortSignal,
  ): Promise<GitlabShipped> {
    const { client } = this.options;
    const mergeRequests = await client.deploymentMergeRequests(
      projectId,
      deployment.id,
      signal,
    );
    const commits: GitlabCommit[] = [];
    for (const mr of mergeRequests) {
      commits.push(
        ...(await client.mergeRequestCommits(
          mr.project_id ?? projectId,
          mr.iid,
          signal,
        )),
      );
    }
    const shipped = toShipped(
      commits,
      mergeRequests.map(mr => mr.title),
    );
    if (shipped.changes.length > 0) return shipped;
    const own = ownCommitShipped(deployment);
    return { changes: own.changes, rework: shipped.rework || own.rework };
  }
}
