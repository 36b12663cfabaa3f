import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DORA_ANNOTATIONS,
  DORA_MAX_EVENTS_PER_REQUEST,
  DoraIncidentEvent,
} from '@paved-road/plugin-dora-common';
import {
  DoraProvider,
  DoraProviderSyncContext,
  EntityAnnotationIndex,
  FetchWithRetryOptions,
} from '@paved-road/plugin-dora-node';
import { OpsgenieConfig } from './config';
import { OpsgenieClient, OpsgenieIncident } from './OpsgenieClient';
import { incidentAttributes } from '@paved-road/plugin-dora-node';
import { isFinished, resolvedAtOf } from './resolution';

/** Provider id and event `source`. */
const SOURCE = 'opsgenie';
/** The one cursor scope: the account's incident stream. */
const SCOPE = 'incidents';
const DAY = 86_400_000;

/**
 * Saved progress: incidents created before `since` are done, those created
 * exactly at `since` and listed in `seen` too; `open` are incidents stored
 * as unresolved, re-checked on every run until they are resolved.
 */
interface SyncState {
  since: string;
  seen: string[];
  open: string[];
}

/**
 * Options of {@link OpsgenieDoraProvider}.
 *
 * @public
 */
export interface OpsgenieDoraProviderOptions {
  /** The validated `dora.providers.opsgenie` settings. */
  config: OpsgenieConfig;
  /** Where annotated entities are read from. */
  catalog: CatalogService;
  /** Gives the plugin's own credentials for the catalog. */
  auth: AuthService;
  /** The current time; tests pin it. Default: `Date.now`. */
  now?: () => number;
  /** Overrides `config.requests`, e.g. a test's `sleep`. */
  retry?: Omit<FetchWithRetryOptions, 'signal'>;
}

/** What one run needs at hand to turn incidents into events. */
interface RunContext {
  ctx: DoraProviderSyncContext;
  client: OpsgenieClient;
  index: EntityAnnotationIndex;
  serviceNames: Map<string, string>;
}

/**
 * Incidents from Opsgenie (source `opsgenie`), matched to catalog entities
 * by their impacted services and the `opsgenie.com/component-selector`
 * annotation; resolve times from the incident timeline.
 *
 * @public
 */
export class OpsgenieDoraProvider implements DoraProvider {
  /** Provider id, also the `source` of its events. */
  readonly id = SOURCE;
  /** From `dora.providers.opsgenie.schedule`. */
  readonly schedule: OpsgenieConfig['schedule'];
  private readonly now: () => number;

  private constructor(private readonly options: OpsgenieDoraProviderOptions) {
    this.schedule = options.config.schedule;
    this.now = options.now ?? Date.now;
  }

  /** Builds the provider; nothing is called until `sync`. */
  static create(options: OpsgenieDoraProviderOptions): OpsgenieDoraProvider {
    return new OpsgenieDoraProvider(options);
  }

  /**
   * One run: re-checks open incidents, then stores incidents created since
   * the cursor, page by page, saving the cursor after each stored page.
   */
  async sync(ctx: DoraProviderSyncContext): Promise<void> {
    const { config, catalog, auth } = this.options;
    const client = new OpsgenieClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      signal: ctx.signal,
      retry: { ...config.requests, ...this.options.retry },
    });
    const index = await EntityAnnotationIndex.load({
      catalog,
      credentials: await auth.getOwnServiceCredentials(),
      annotation: DORA_ANNOTATIONS.opsgenieComponentSelector,
      split: value => value.split(','),
    });
    const services = await client.listServices();
    const run: RunContext = {
      ctx,
      client,
      index,
      serviceNames: new Map(services.map(s => [s.id, s.name])),
    };
    const state = await this.loadState(ctx);
    await this.recheckOpen(run, state);
    await this.readNew(run, state);
  }

  private async loadState(ctx: DoraProviderSyncContext): Promise<SyncState> {
    const saved = await ctx.cursors.get(SCOPE);
    if (saved) {
      let parsed: Partial<SyncState>;
      try {
        parsed = JSON.parse(saved);
      } catch {
        throw new Error(`Unreadable Opsgenie cursor '${SCOPE}': ${saved}`);
      }
      return {
        since: parsed.since ?? new Date(0).toISOString(),
        seen: parsed.seen ?? [],
        open: parsed.open ?? [],
      };
    }
    const since = this.now() - this.options.config.lookbackDays * DAY;
    return { since: new Date(since).toISOString(), seen: [], open: [] };
  }

  /** Incidents stored as open: stored again once Opsgenie resolved them. */
  private async recheckOpen(run: RunContext, state: SyncState) {
    if (state.open.length === 0) return;
    const stillOpen: string[] = [];
    const finished: OpsgenieIncident[] = [];
    for (const id of state.open) {
      const incident = await run.client.getIncident(id);
      if (!incident) continue; // deleted in Opsgenie: nothing left to update
      if (isFinished(incident)) finished.push(incident);
      else stillOpen.push(id);
    }
    await this.store(run, finished);
    state.open = stillOpen;
    await run.ctx.cursors.set(SCOPE, JSON.stringify(state));
  }

  /** Pages through incidents created since the cursor, oldest first. */
  private async readNew(run: RunContext, state: SyncState) {
    const from = Date.parse(state.since);
    const seenAtStart = new Set(state.seen);
    for (let offset = 0; ; ) {
      const page = await run.client.listIncidents({
        createdFrom: from,
        offset,
      });
      const fresh = page.incidents.filter(
        i => !(Date.parse(i.createdAt) === from && seenAtStart.has(i.id)),
      );
      const open = await this.store(run, fresh);
      advance(state, fresh, open);
      // Saved only once the page is stored: a crash re-reads this page.
      await run.ctx.cursors.set(SCOPE, JSON.stringify(state));
      if (!page.hasMore) return;
      offset += page.incidents.length;
    }
  }

  /**
   * Ingests events for the incidents that match entities and counts those
   * that match none. Returns the ids of matched incidents still open.
   */
  private async store(
    run: RunContext,
    incidents: OpsgenieIncident[],
  ): Promise<string[]> {
    const events: DoraIncidentEvent[] = [];
    const open: string[] = [];
    let unmatched = 0;
    for (const incident of incidents) {
      const entityRefs = this.entityRefsOf(run, incident);
      if (
        entityRefs.length === 0 ||
        Number.isNaN(Date.parse(incident.createdAt))
      ) {
        unmatched += 1;
        continue;
      }
      const resolvedAt = isFinished(incident)
        ? resolvedAtOf(incident, await run.client.listTimeline(incident.id))
        : null;
      if (resolvedAt === null) open.push(incident.id);
      const deploymentId = this.options.config.deploymentIdField
        ? deploymentIdOf(incident, this.options.config.deploymentIdField)
        : undefined;
      for (const entityRef of entityRefs) {
        events.push(toEvent(incident, entityRef, resolvedAt, deploymentId));
      }
    }
    for (let i = 0; i < events.length; i += DORA_MAX_EVENTS_PER_REQUEST) {
      await run.ctx.ingest(events.slice(i, i + DORA_MAX_EVENTS_PER_REQUEST));
    }
    if (unmatched > 0) {
      run.ctx.countUnmatched(unmatched);
      run.ctx.logger.debug(
        `${unmatched} Opsgenie incident(s) impact no service annotated with '${DORA_ANNOTATIONS.opsgenieComponentSelector}'`,
      );
    }
    return open;
  }

  /** Entities whose annotation names an impacted service, by id or name. */
  private entityRefsOf(run: RunContext, incident: OpsgenieIncident): string[] {
    const refs = new Set<string>();
    for (const serviceId of incident.impactedServices ?? []) {
      const name = run.serviceNames.get(serviceId);
      for (const ref of run.index.lookup(serviceId)) refs.add(ref);
      if (name) for (const ref of run.index.lookup(name)) refs.add(ref);
    }
    return [...refs].sort();
  }
}

/** Moves the saved position past the incidents just stored. */
function advance(state: SyncState, stored: OpsgenieIncident[], open: string[]) {
  for (const incident of stored) {
    const created = Date.parse(incident.createdAt);
    if (Number.isNaN(created)) continue;
    const since = Date.parse(state.since);
    if (created > since) {
      state.since = new Date(created).toISOString();
      state.seen = [incident.id];
    } else if (created === since && !state.seen.includes(incident.id)) {
      state.seen.push(incident.id);
    }
  }
  state.open = [...new Set([...state.open, ...open])];
}

/** The DORA backend's longest id. */
const MAX_ID = 256;

/**
 * The deployment id in the incident's custom property `field`, trimmed;
 * `undefined` when absent, blank or longer than an id may be.
 */
function deploymentIdOf(
  incident: OpsgenieIncident,
  field: string,
): string | undefined {
  const value = incident.extraProperties?.[field];
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return id && id.length <= MAX_ID ? id : undefined;
}

function toEvent(
  incident: OpsgenieIncident,
  entityRef: string,
  resolvedAt: string | null,
  deploymentId: string | undefined,
): DoraIncidentEvent {
  // The fields `dora.incidents.exclude` filters can match.
  const attributes = incidentAttributes({
    priority: incident.priority,
    tags: Array.isArray(incident.tags) ? incident.tags : undefined,
  });
  return {
    kind: 'incident',
    source: SOURCE,
    // One event per incident and entity: an incident impacting services of
    // two entities counts for both.
    id: `${incident.id}:${entityRef}`,
    entityRef,
    openedAt: new Date(Date.parse(incident.createdAt)).toISOString(),
    resolvedAt,
    ...(incident.priority && { severity: incident.priority }),
    ...(deploymentId && { deploymentId }),
    ...(attributes && { attributes }),
  };
}
