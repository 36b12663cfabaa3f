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
import { IncidentIoConfig } from './config';
import { IncidentIoClient } from './IncidentIoClient';
import { SOURCE, incidentOutcome } from './incidentEvents';
import { IncidentIoWebhook } from './IncidentIoWebhook';
import { IncidentIoIncident } from './types';

/** How long webhook deliveries reuse the catalog index. */
const WEBHOOK_INDEX_TTL_MS = 60_000;

/** The one cursor scope: the account's incident list. */
const SCOPE = 'incidents';
const DAY = 86_400_000;

/**
 * Saved progress. `window`: incidents updated on or after this UTC date are
 * listed. While a listing is under way, `after` is the incident.io cursor
 * after the last stored page and `startedAt` when that listing began.
 */
interface SyncState {
  window: string;
  after?: string;
  startedAt?: string;
}

/**
 * Options of {@link IncidentIoDoraProvider}.
 *
 * @public
 */
export interface IncidentIoDoraProviderOptions {
  /** The validated `dora.providers.incidentIo` settings. */
  config: IncidentIoConfig;
  /** Where annotated entities are read from. */
  catalog: CatalogService;
  /** Gives the plugin's own credentials for the catalog. */
  auth: AuthService;
  /** The current time; tests pin it. Default: `Date.now`. */
  now?: () => number;
  /** Overrides `config.requests`, e.g. a test's `sleep`. */
  retry?: Omit<FetchWithRetryOptions, 'signal'>;
}

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Incidents from incident.io (source `incident-io`), matched to catalog
 * entities through a custom field and the `paved-road.dev/incident-io-service`
 * annotation; test and tutorial incidents excluded.
 *
 * @public
 */
export class IncidentIoDoraProvider implements DoraProvider {
  /** Provider id, also the `source` of its events. */
  readonly id = SOURCE;
  /** From `dora.providers.incidentIo.schedule`. */
  readonly schedule: IncidentIoConfig['schedule'];
  /** Present when `webhookSecret` or `webhookSecrets` is set. */
  readonly webhook?: IncidentIoWebhook;
  private readonly now: () => number;
  private cachedIndex?: { at: number; index: Promise<EntityAnnotationIndex> };

  private constructor(private readonly options: IncidentIoDoraProviderOptions) {
    this.schedule = options.config.schedule;
    this.now = options.now ?? Date.now;
    if (options.config.webhookSecrets?.length) {
      this.webhook = IncidentIoWebhook.create({
        secrets: options.config.webhookSecrets,
        serviceField: options.config.serviceField,
        deploymentIdField: options.config.deploymentIdField,
        loadIndex: () => this.webhookIndex(),
        now: this.now,
      });
    }
  }

  /** Builds the provider; nothing is called until `sync`. */
  static create(
    options: IncidentIoDoraProviderOptions,
  ): IncidentIoDoraProvider {
    return new IncidentIoDoraProvider(options);
  }

  /**
   * One run: lists incidents updated since the saved window, page by page,
   * saving the incident.io cursor after each stored page; a listing cut
   * short resumes from there.
   */
  async sync(ctx: DoraProviderSyncContext): Promise<void> {
    const { config } = this.options;
    const client = new IncidentIoClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      signal: ctx.signal,
      retry: { ...config.requests, ...this.options.retry },
    });
    const index = await this.loadIndex();
    const state = await this.loadState(ctx);
    // A listing cut short keeps its start, so the next window covers every
    // update made since then.
    const startedAt =
      state.after && state.startedAt
        ? state.startedAt
        : new Date(this.now()).toISOString();
    let after = state.after;
    do {
      const page = await client.listIncidents({
        updatedFrom: state.window,
        after,
      });
      await this.store(ctx, index, page.incidents);
      after = page.incidents.length > 0 ? page.after : undefined;
      if (after) {
        await ctx.cursors.set(
          SCOPE,
          JSON.stringify({ window: state.window, after, startedAt }),
        );
      }
    } while (after);
    await ctx.cursors.set(
      SCOPE,
      JSON.stringify({ window: utcDate(Date.parse(startedAt)) }),
    );
  }

  /**
   * The index as webhooks use it: reused for 60 s (`WEBHOOK_INDEX_TTL_MS`), so a
   * burst of deliveries costs one catalog query; a failed load is not kept.
   */
  private webhookIndex(): Promise<EntityAnnotationIndex> {
    const now = this.now();
    const cached = this.cachedIndex;
    if (cached && now - cached.at < WEBHOOK_INDEX_TTL_MS) return cached.index;
    const index = this.loadIndex();
    const entry = { at: now, index };
    this.cachedIndex = entry;
    index.catch(() => {
      if (this.cachedIndex === entry) this.cachedIndex = undefined;
    });
    return index;
  }

  private async loadIndex(): Promise<EntityAnnotationIndex> {
    return EntityAnnotationIndex.load({
      catalog: this.options.catalog,
      credentials: await this.options.auth.getOwnServiceCredentials(),
      annotation: DORA_ANNOTATIONS.incidentIoService,
      split: value => value.split(','),
    });
  }

  private async loadState(ctx: DoraProviderSyncContext): Promise<SyncState> {
    const saved = await ctx.cursors.get(SCOPE);
    if (!saved) {
      const from = this.now() - this.options.config.lookbackDays * DAY;
      return { window: utcDate(from) };
    }
    try {
      const state = JSON.parse(saved) as SyncState;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(state.window)) throw new Error();
      return state;
    } catch {
      throw new Error(`Unreadable incident.io cursor '${SCOPE}': ${saved}`);
    }
  }

  private async store(
    ctx: DoraProviderSyncContext,
    index: EntityAnnotationIndex,
    incidents: IncidentIoIncident[],
  ) {
    const events: DoraIncidentEvent[] = [];
    let unmatched = 0;
    for (const incident of incidents) {
      const outcome = incidentOutcome(incident, {
        index,
        serviceField: this.options.config.serviceField,
        deploymentIdField: this.options.config.deploymentIdField,
      });
      if (outcome.kind === 'matched') events.push(...outcome.events);
      else if (outcome.kind === 'unmatched') unmatched += 1;
    }
    for (let i = 0; i < events.length; i += DORA_MAX_EVENTS_PER_REQUEST) {
      await ctx.ingest(events.slice(i, i + DORA_MAX_EVENTS_PER_REQUEST));
    }
    if (unmatched > 0) ctx.countUnmatched(unmatched);
  }
}
