import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DoraDeploymentsPage,
  DoraIncidentsPage,
  DoraEventsResponse,
  DoraMetrics,
} from '@paved-road/plugin-dora-common';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { DeploymentScope, MetricsFigures } from '../database/types';
import { toIso } from '../database/time';
import { buildMetrics } from './buildMetrics';
import { buildStats } from './buildStats';
import { DoraConfig } from './config';
import { ownerEntityRefs } from './ownerEntities';
import { parseEvents } from './parseEvents';
import { decodeCursor, encodeCursor } from './cursor';
import {
  DoraBackendService,
  DoraEntityMetrics,
  DoraSubject,
  DoraTrendBucket,
  DoraWindowOptions,
  MAX_BY_ENTITY_ITEMS,
} from './types';
import { DoraTrendQuery, WEEK_MS } from './parseQuery';

const THIRTY_DAYS_MS = 30 * 86400000;

/**
 * Ingestion and the four keys + rework over the store.
 *
 * @internal
 */
export class DefaultDoraService implements DoraBackendService {
  static create(options: {
    store: DatabaseDoraStore;
    catalog: CatalogService;
    config: DoraConfig;
  }): DefaultDoraService {
    return new DefaultDoraService(
      options.store,
      options.catalog,
      options.config,
    );
  }

  private constructor(
    private readonly store: DatabaseDoraStore,
    private readonly catalog: CatalogService,
    private readonly config: DoraConfig,
  ) {}

  async ingest(body: unknown): Promise<DoraEventsResponse> {
    return this.ingestBatch(parseEvents(body));
  }

  /** Stores a batch `parseEvents` validated. */
  async ingestBatch(
    batch: ReturnType<typeof parseEvents>,
  ): Promise<DoraEventsResponse> {
    const distinct =
      new Set(batch.deployments.map(d => JSON.stringify(['d', d.source, d.id])))
        .size +
      new Set(batch.incidents.map(i => JSON.stringify(['i', i.source, i.id])))
        .size +
      new Set(batch.builds.map(b => JSON.stringify(['b', b.source, b.id])))
        .size;
    const { updated } = await this.store.ingest(batch);
    return { accepted: batch.count, updated: updated + batch.count - distinct };
  }

  async getMetrics(
    options: DoraSubject &
      DoraWindowOptions & { credentials: BackstageCredentials },
  ): Promise<DoraMetrics> {
    const entityRefs = await this.resolveSubject(options);
    const { from, to } = window(options);
    const scope = await this.scope(entityRefs, options.environments);
    const [figures, builds, demoData] = await Promise.all([
      this.store.getFigures({ entityRefs, from, to, scope }),
      this.store.getBuildFigures({ entityRefs, from, to }),
      this.store.hasDemoData(entityRefs),
    ]);
    return {
      ...buildMetrics({
        figures,
        entityRefs,
        from,
        to,
        benchmark: this.config.benchmark,
      }),
      builds: buildStats(builds),
      ...(demoData ? { demoData } : {}),
    };
  }

  /** `count` consecutive weeks, oldest first, the last ending at `to`. */
  async getTrend(
    options: DoraTrendQuery & { credentials: BackstageCredentials },
  ): Promise<{ buckets: DoraTrendBucket[] }> {
    const entityRefs = await this.resolveSubject(options);
    const to = options.to?.getTime() ?? Date.now();
    const windows = Array.from({ length: options.count }, (_, i) => {
      const end = to - (options.count - 1 - i) * WEEK_MS;
      return { from: end - WEEK_MS, to: end };
    });
    const scope = await this.scope(entityRefs, options.environments);
    const figures = await this.store.getFiguresPerWindow({
      entityRefs,
      windows,
      scope,
    });
    return {
      buckets: windows.map((w, i) => ({
        from: toIso(w.from),
        to: toIso(w.to),
        ...this.metrics(figures[i], entityRefs, w),
      })),
    };
  }

  /**
   * Each of an owner's entities the caller can see, alone, sorted by ref;
   * or each of `entityRefs` the caller can see, in their order, the others
   * listed in `notFound` (unknown and invisible alike).
   */
  async getMetricsByEntity(
    options: ({ owner: string } | { entityRefs: string[] }) &
      DoraWindowOptions & {
        credentials: BackstageCredentials;
      },
  ): Promise<{ items: DoraEntityMetrics[]; notFound?: string[] }> {
    let entityRefs: string[];
    let notFound: string[] | undefined;
    if ('entityRefs' in options) {
      const refs = [
        ...new Set(options.entityRefs.map(r => normalizeRef(r, 'entityRefs'))),
      ];
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials: options.credentials },
      );
      const visible = new Set(
        items
          .filter((e): e is NonNullable<typeof e> => Boolean(e))
          .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
      );
      entityRefs = refs.filter(r => visible.has(r));
      notFound = refs.filter(r => !visible.has(r));
    } else {
      entityRefs = await this.resolveSubject({
        owner: options.owner,
        credentials: options.credentials,
      });
      if (entityRefs.length > MAX_BY_ENTITY_ITEMS) {
        throw new InputError(
          `Invalid 'owner': '${options.owner}' owns ${entityRefs.length} entities; /metrics/by-entity answers for at most ${MAX_BY_ENTITY_ITEMS}, ask for a child group`,
        );
      }
    }
    const w = window(options);
    const scope = await this.scope(entityRefs, options.environments);
    const [figures, builds] = await Promise.all([
      this.store.getFiguresPerEntity({ entityRefs, ...w, scope }),
      this.store.getBuildFiguresPerEntity({ entityRefs, ...w }),
    ]);
    return {
      items: entityRefs.map((entityRef, i) => ({
        entityRef,
        ...this.metrics(figures[i], [entityRef], w),
        builds: buildStats(builds[i]),
      })),
      ...(notFound ? { notFound } : {}),
    };
  }

  private metrics(
    figures: MetricsFigures,
    entityRefs: string[],
    w: { from: number; to: number },
  ): DoraMetrics {
    return buildMetrics({
      figures,
      entityRefs,
      ...w,
      benchmark: this.config.benchmark,
    });
  }

  async listDeployments(
    options: DoraSubject &
      DoraWindowOptions & {
        credentials: BackstageCredentials;
        cursor?: string;
        limit?: number;
      },
  ): Promise<DoraDeploymentsPage> {
    const entityRefs = await this.resolveSubject(options);
    const { from, to } = window(options);
    const scope = await this.scope(entityRefs, options.environments);
    const environments =
      scope.type === 'environments'
        ? scope.environments
        : (await this.store.listEnvironments(entityRefs)).filter(e =>
            this.config.production.matches(e),
          );
    const page = await this.store.listDeployments({
      entityRefs,
      from,
      to,
      environments,
      after: options.cursor ? decodeCursor(options.cursor) : undefined,
      limit: options.limit ?? 50,
    });
    return {
      items: page.items.map(d => ({
        ...d,
        startedAt: d.startedAt === null ? null : toIso(d.startedAt),
        finishedAt: toIso(d.finishedAt),
        changes: d.changes.map(c => ({
          sha: c.sha,
          committedAt: toIso(c.committedAt),
        })),
        incidents: d.incidents.map(i => ({
          ...i,
          openedAt: toIso(i.openedAt),
          resolvedAt: i.resolvedAt === null ? null : toIso(i.resolvedAt),
        })),
      })),
      nextCursor: page.after ? encodeCursor(page.after) : null,
    };
  }

  /** Incidents of the subject opened in the window, with their links. */
  async listIncidents(
    options: DoraSubject &
      DoraWindowOptions & {
        credentials: BackstageCredentials;
        cursor?: string;
        limit?: number;
      },
  ): Promise<DoraIncidentsPage> {
    const entityRefs = await this.resolveSubject(options);
    const { from, to } = window(options);
    const page = await this.store.listIncidents({
      entityRefs,
      from,
      to,
      after: options.cursor ? decodeCursor(options.cursor) : undefined,
      limit: options.limit ?? 50,
    });
    return {
      items: page.items.map(i => ({
        ...i,
        openedAt: toIso(i.openedAt),
        resolvedAt: i.resolvedAt === null ? null : toIso(i.resolvedAt),
      })),
      nextCursor: page.after ? encodeCursor(page.after) : null,
    };
  }

  private async resolveSubject(
    options: DoraSubject & { credentials: BackstageCredentials },
  ): Promise<string[]> {
    if (options.entityRef) {
      return [normalizeRef(options.entityRef, 'entityRef')];
    }
    if (options.owner) {
      return ownerEntityRefs({
        catalog: this.catalog,
        owner: normalizeRef(options.owner, 'owner'),
        credentials: options.credentials,
      });
    }
    throw new InputError("Expected one of 'entityRef' or 'owner'");
  }

  private async scope(
    entityRefs: string[],
    environments?: string[],
  ): Promise<DeploymentScope> {
    if (!environments || environments.length === 0)
      return { type: 'production' };
    // Exact names only (parseQuery rejects `/regex/`): patterns come from
    // configuration, never from a request.
    const wanted = new Set(environments);
    const known = await this.store.listEnvironments(entityRefs);
    return {
      type: 'environments',
      environments: known.filter(e => wanted.has(e)),
    };
  }
}

function normalizeRef(ref: string, field: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `Invalid '${field}': expected an entity ref like component:default/name`,
    );
  }
}

function window(options: DoraWindowOptions): { from: number; to: number } {
  const to = options.to?.getTime() ?? Date.now();
  const from = options.from?.getTime() ?? to - THIRTY_DAYS_MS;
  if (from >= to) {
    throw new InputError("Invalid 'from': expected a date before 'to'");
  }
  return { from, to };
}
