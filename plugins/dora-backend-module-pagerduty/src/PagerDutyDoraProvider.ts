import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DORA_MAX_EVENTS_PER_REQUEST,
  DoraIncidentEvent,
} from '@paved-road/plugin-dora-common';
import {
  DoraProvider,
  DoraProviderSyncContext,
  FetchWithRetryOptions,
  DoraProviderWebhook,
  EntityAnnotationIndex,
  vendorResponseStatus,
} from '@paved-road/plugin-dora-node';
import { PagerDutyConfig } from './config';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyDeploymentIds } from './PagerDutyDeploymentIds';
import { normalizeServiceId, PagerDutyEntities } from './PagerDutyEntities';
import { PagerDutyWebhookHandler } from './PagerDutyWebhookHandler';
import { formatCursor, parseCursor } from './syncCursor';
import { toIncidentEvents } from './toIncidentEvents';
import { PagerDutyIncident } from './types';

const DAY = 86_400_000;
/** PagerDuty accepts `since`/`until` ranges of at most six months. */
export const PAGERDUTY_MAX_WINDOW_MS = 180 * DAY;
/** Re-read on every run, for incidents PagerDuty lists a little late. */
const OVERLAP_MS = 5 * 60_000;

/**
 * Options of {@link PagerDutyDoraProvider}.
 *
 * @public
 */
export interface PagerDutyDoraProviderOptions {
  /** Settings, usually from `readPagerDutyConfig`. */
  config: PagerDutyConfig;
  /** Finds the entities carrying `pagerduty.com/service-id`. */
  catalog: CatalogService;
  /** Provides the plugin's own credentials for catalog reads. */
  auth: AuthService;
  /** The current time; tests pin it. Default: `Date.now`. */
  now?: () => number;
  /** Overrides `config.requests`, e.g. a test's `sleep`. */
  retry?: Omit<FetchWithRetryOptions, 'signal'>;
}

/**
 * Incidents from PagerDuty for entities annotated with
 * `pagerduty.com/service-id`: a scheduled sync over the REST API v2 (one
 * cursor per service) and, when secrets are configured, v3 webhooks.
 *
 * @public
 */
export class PagerDutyDoraProvider implements DoraProvider {
  /** Provider id, also the webhook path: `/api/dora/webhooks/pagerduty`. */
  readonly id = 'pagerduty';
  /** From `dora.providers.pagerduty.schedule`. */
  readonly schedule: DoraProvider['schedule'];
  /** Present when webhook secrets are configured. */
  readonly webhook?: DoraProviderWebhook;

  private readonly client: PagerDutyClient;
  private readonly entities: PagerDutyEntities;
  private readonly deploymentIds?: PagerDutyDeploymentIds;
  private readonly now: () => number;

  private constructor(private readonly options: PagerDutyDoraProviderOptions) {
    this.now = options.now ?? Date.now;
    this.schedule = options.config.schedule;
    this.client = PagerDutyClient.create({
      baseUrl: options.config.baseUrl,
      token: options.config.token,
      retry: { ...options.config.requests, ...options.retry },
    });
    this.entities = new PagerDutyEntities({ ...options, now: this.now });
    if (options.config.deploymentIdField) {
      this.deploymentIds = new PagerDutyDeploymentIds({
        client: this.client,
        field: options.config.deploymentIdField,
      });
    }
    if (options.config.webhookSecrets.length > 0) {
      this.webhook = new PagerDutyWebhookHandler({
        secrets: options.config.webhookSecrets,
        entities: this.entities,
        deploymentIds: this.deploymentIds,
      });
    }
  }

  /** Builds the provider; no request is made before the first sync. */
  static create(options: PagerDutyDoraProviderOptions): PagerDutyDoraProvider {
    return new PagerDutyDoraProvider(options);
  }

  /**
   * Syncs every service in turn. A service PagerDuty refuses (400 or 404,
   * e.g. a mistyped id) is skipped so the others still sync, and named in
   * the run's error; rate limits, outages and bad credentials stop the run.
   */
  async sync(context: DoraProviderSyncContext): Promise<void> {
    const index = await this.entities.load();
    const refused: string[] = [];
    for (const serviceId of index.values()) {
      context.signal.throwIfAborted();
      try {
        await this.syncService(serviceId, index, context);
      } catch (error) {
        if (!isRefusedService(error)) throw error;
        refused.push(`'${serviceId}' (${(error as Error).message})`);
      }
    }
    if (refused.length > 0) {
      throw new Error(
        `PagerDuty refused ${
          refused.length
        } service(s), check their 'pagerduty.com/service-id' annotations: ${refused.join(
          ', ',
        )}`,
      );
    }
  }

  private async syncService(
    serviceId: string,
    index: EntityAnnotationIndex,
    context: DoraProviderSyncContext,
  ) {
    const now = this.now();
    const oldest = now - this.options.config.lookbackDays * DAY;
    const cursor = parseCursor(await context.cursors.get(serviceId));
    // Open incidents older than the lookback are left to webhooks.
    const start = Math.max(
      oldest,
      cursor
        ? Math.min(cursor.until - OVERLAP_MS, cursor.openSince ?? Infinity)
        : oldest,
    );
    let openSince: number | null = null;
    for (let since = start; since < now; ) {
      const until = Math.min(since + PAGERDUTY_MAX_WINDOW_MS, now);
      const incidents = await this.client.listWindow({
        serviceId,
        window: { since, until },
        signal: context.signal,
      });
      const events = await this.toEvents(incidents, serviceId, index, context);
      for (const incident of incidents) {
        if (incident.status === 'resolved') continue;
        const createdAt = Date.parse(incident.created_at);
        openSince = Math.min(openSince ?? createdAt, createdAt);
      }
      for (let i = 0; i < events.length; i += DORA_MAX_EVENTS_PER_REQUEST) {
        await context.ingest(events.slice(i, i + DORA_MAX_EVENTS_PER_REQUEST));
      }
      // Only once everything created before `until` is stored.
      await context.cursors.set(serviceId, formatCursor({ until, openSince }));
      since = until;
    }
  }

  /**
   * One event per incident and entity; duplicates across slices dropped.
   * With `deploymentIdField`, each matched incident's first alert is read
   * (once per incident, see `PagerDutyDeploymentIds`).
   */
  private async toEvents(
    incidents: PagerDutyIncident[],
    serviceId: string,
    index: EntityAnnotationIndex,
    context: DoraProviderSyncContext,
  ): Promise<DoraIncidentEvent[]> {
    const byId = new Map<string, DoraIncidentEvent>();
    let unmatched = 0;
    for (const incident of incidents) {
      const refs = index.lookup(incident.service?.id ?? serviceId);
      if (refs.length === 0) {
        unmatched += 1;
        context.logger.info(
          `PagerDuty incident '${
            incident.id
          }' belongs to service '${normalizeServiceId(
            incident.service?.id ?? '',
          )}', which no entity carries; not stored`,
        );
        continue;
      }
      const deploymentId = await this.deploymentIds?.lookup(
        incident.id,
        context.signal,
      );
      for (const event of toIncidentEvents(incident, refs, { deploymentId })) {
        byId.set(event.id, event);
      }
    }
    if (unmatched > 0) context.countUnmatched(unmatched);
    return [...byId.values()];
  }
}

function isRefusedService(error: unknown): boolean {
  const status = vendorResponseStatus(error);
  return status === 400 || status === 404;
}
