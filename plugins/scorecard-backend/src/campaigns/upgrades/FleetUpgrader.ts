import { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import {
  DatabaseUpgradeStore,
  FleetUpgradeState,
} from './DatabaseUpgradeStore';

/** At most this many entities are upgraded by one run. @internal */
export const MAX_UPGRADES_PER_RUN = 500;

/** States a rerun leaves alone: the upgrader already did its work there. */
const SETTLED: ReadonlySet<FleetUpgradeState> = new Set([
  'opened',
  'already-open',
  'merged',
  'up-to-date',
]);

const GITHUB_SLUG = 'github.com/project-slug';
const GITLAB_SLUG = 'gitlab.com/project-slug';

/**
 * What the fleet upgrader needs of `GoldenPathUpgrader`: `upgrade` never
 * throws and is idempotent per repository.
 *
 * @internal
 */
export interface RepositoryUpgrader {
  upgrade(request: { repoUrl: string; version?: string }): Promise<{
    state: FleetUpgradeState;
    repository: string;
    toVersion?: string;
    changeRequest?: { number: number; url: string };
    reason?: string;
  }>;
}

/** Options of {@link FleetUpgrader}. @internal */
export interface FleetUpgraderOptions {
  store: DatabaseUpgradeStore;
  upgrader: RepositoryUpgrader;
  /** Hosts of the GitHub and GitLab integrations; default `github.com`, `gitlab.com`. */
  githubHost?: string;
  gitlabHost?: string;
  maxPerRun?: number;
  now?: () => Date;
}

/**
 * The scaffolder `repoUrl` of an entity's repository from its project-slug
 * annotation, or why there is none.
 *
 * @internal
 */
export function entityRepoUrl(
  entity: Entity,
  hosts: { github: string; gitlab: string },
): { repoUrl: string } | { reason: string } {
  const annotations = entity.metadata.annotations ?? {};
  const github = annotations[GITHUB_SLUG];
  const gitlab = annotations[GITLAB_SLUG];
  const slug = github ?? gitlab;
  if (!slug) {
    return {
      reason: `The entity has no '${GITHUB_SLUG}' or '${GITLAB_SLUG}' annotation`,
    };
  }
  const cut = slug.lastIndexOf('/');
  if (cut <= 0 || cut === slug.length - 1) {
    return {
      reason: `Annotation '${
        github ? GITHUB_SLUG : GITLAB_SLUG
      }' is not owner/repo`,
    };
  }
  const host = github ? hosts.github : hosts.gitlab;
  const query = new URLSearchParams({
    owner: slug.slice(0, cut),
    repo: slug.slice(cut + 1),
  });
  return { repoUrl: `${host}?${query}` };
}

/**
 * Opens golden-path upgrade change requests for a campaign's lagging
 * entities, one at a time, storing each entity's state as soon as it is
 * known. A rerun skips entities already opened, merged or up to date and
 * retries the failed and conflicting ones (a conflicting one whose change
 * request is still open stays `conflicts`); one run per campaign at a time
 * in this instance.
 *
 * @internal
 */
export class FleetUpgrader {
  private readonly running = new Set<string>();

  constructor(private readonly options: FleetUpgraderOptions) {}

  /** The stored states of a campaign's entities. */
  list(campaignId: string) {
    return this.options.store.list(campaignId);
  }

  /** Whether a run for the campaign is under way in this instance. */
  isRunning(campaignId: string): boolean {
    return this.running.has(campaignId);
  }

  /**
   * Picks the entities to upgrade now (throws `ConflictError` when a run is
   * under way) and returns how many, with the promise of the run.
   */
  async start(
    campaignId: string,
    lagging: Entity[],
    refOf: (e: Entity) => string,
  ): Promise<{ started: number; done: Promise<void> }> {
    if (this.running.has(campaignId)) {
      throw new ConflictError(
        `Upgrades of campaign '${campaignId}' are already running`,
      );
    }
    this.running.add(campaignId);
    try {
      const stored = await this.options.store.list(campaignId);
      const settled = new Set(
        stored.filter(u => SETTLED.has(u.state)).map(u => u.entityRef),
      );
      const conflicting = new Map(
        stored
          .filter(u => u.state === 'conflicts')
          .map(u => [u.entityRef, u] as const),
      );
      const todo = lagging
        .filter(e => !settled.has(refOf(e).toLowerCase()))
        .slice(0, this.options.maxPerRun ?? MAX_UPGRADES_PER_RUN);
      const done = this.run(campaignId, todo, refOf, conflicting).finally(() =>
        this.running.delete(campaignId),
      );
      return { started: todo.length, done };
    } catch (e) {
      this.running.delete(campaignId);
      throw e;
    }
  }

  private async run(
    campaignId: string,
    entities: Entity[],
    refOf: (e: Entity) => string,
    conflicting: ReadonlyMap<
      string,
      { changeRequest?: { number: number; url: string }; reason?: string }
    >,
  ): Promise<void> {
    const hosts = {
      github: this.options.githubHost ?? 'github.com',
      gitlab: this.options.gitlabHost ?? 'gitlab.com',
    };
    for (const entity of entities) {
      const entityRef = refOf(entity);
      const target = entityRepoUrl(entity, hosts);
      const result =
        'reason' in target
          ? { state: 'failed' as const, repository: '', reason: target.reason }
          : await this.options.upgrader.upgrade({ repoUrl: target.repoUrl });
      // The change request opened with conflict markers is still open: it
      // still has them to resolve, so the state stays `conflicts`.
      const before = conflicting.get(entityRef.toLowerCase());
      const stillConflicting = before && result.state === 'already-open';
      await this.options.store.save(
        campaignId,
        {
          entityRef,
          state: stillConflicting ? 'conflicts' : result.state,
          repository: result.repository,
          changeRequest: result.changeRequest ?? before?.changeRequest,
          reason: stillConflicting
            ? before.reason ??
              'The change request opened with conflict markers is still open'
            : result.reason,
          toVersion: result.toVersion,
        },
        this.options.now?.() ?? new Date(),
      );
    }
  }
}
