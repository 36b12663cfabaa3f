import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';

/**
 * Saved progress of a provider, one cursor per scope (e.g. per repository or
 * per PagerDuty service). Cursors survive restarts, so a run after a crash
 * resumes where the last saved cursor points.
 *
 * @public
 */
export interface DoraProviderCursors {
  /** The cursor saved for `scope`, or `undefined` before the first save. */
  get(scope: string): Promise<string | undefined>;
  /** Saves the cursor of `scope`; save only after the events before it are ingested. */
  set(scope: string, cursor: string): Promise<void>;
}

/**
 * What the DORA backend hands a provider for one sync run.
 *
 * @public
 */
export interface DoraProviderSyncContext {
  /**
   * Stores events exactly like `POST /api/dora/events` (same shape, same
   * validation, idempotent by kind, source and id). A batch is all or
   * nothing; the error of an invalid one names its index and field.
   */
  ingest(events: unknown[]): Promise<{ accepted: number; updated: number }>;
  /** The provider's saved cursors, per scope. */
  cursors: DoraProviderCursors;
  /** Counts objects that match no catalog entity, shown in the status. */
  countUnmatched(count: number): void;
  /** Logger of the run, scoped to the provider. */
  logger: LoggerService;
  /** Aborted when the run times out or the backend stops. */
  signal: AbortSignal;
}

/**
 * When a provider's `sync` runs: a Backstage task schedule without `scope`
 * (runs are always global).
 *
 * @public
 */
export type DoraProviderSchedule = Pick<
  SchedulerServiceTaskScheduleDefinition,
  'frequency' | 'timeout' | 'initialDelay'
>;

/**
 * What the DORA backend hands a webhook for one delivery: the sync
 * context without the run's signal. `countUnmatched` adds to the
 * provider's webhook count of objects that match no catalog entity, shown
 * in `GET /api/dora/providers`.
 *
 * @public
 */
export interface DoraProviderWebhookContext
  extends Pick<
    DoraProviderSyncContext,
    'ingest' | 'cursors' | 'countUnmatched' | 'logger'
  > {
  /**
   * Records the vendor's delivery id (e.g. `X-GitHub-Delivery`) in the DORA
   * database, shared by all backend instances, and tells whether it was
   * recorded before: `true` means a replay, to acknowledge without work.
   * Call it after verifying the signature. If `handle` then throws, the id
   * is forgotten again so that the vendor's redelivery is processed.
   * Ids are kept for 7 days.
   */
  seenDelivery(deliveryId: string): Promise<boolean>;
  /**
   * Records that the vendor object `objectId` (e.g. a PagerDuty incident id)
   * changed at `occurredAt`, unless a later change was recorded by an
   * earlier delivery on any instance. `true` means this delivery is older
   * than what is stored: skip it, so a late `triggered` never reopens a
   * resolved incident.
   */
  isStale(objectId: string, occurredAt: string | Date): Promise<boolean>;
}

/**
 * A vendor webhook delivery, as received on
 * `POST /api/dora/webhooks/<provider id>`.
 *
 * @public
 */
export interface DoraWebhookRequest {
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as sent, for signature checks. */
  rawBody: Buffer;
}

/**
 * Receives a provider's webhooks. The route needs no Backstage credentials:
 * `handle` must verify the vendor's signature first and throw an
 * `AuthenticationError` (401) when it does not match, and an `InputError`
 * (400) naming the field for a malformed payload.
 *
 * @public
 */
export interface DoraProviderWebhook {
  /** Verifies one delivery, turns it into events and ingests them. */
  handle(
    request: DoraWebhookRequest,
    context: DoraProviderWebhookContext,
  ): Promise<void>;
}

/**
 * A source of deployments, changes or incidents (a CI or incident tool).
 *
 * @public
 */
export interface DoraProvider {
  /** Unique id of the provider, e.g. `github` or `pagerduty`. */
  readonly id: string;
  /**
   * When `sync` runs; default every 10 minutes with a 5-minute timeout.
   * Runs are global: one backend instance at a time across a cluster.
   */
  readonly schedule?: DoraProviderSchedule;
  /** Pulls new events since the saved cursors and ingests them. */
  sync?(context: DoraProviderSyncContext): Promise<void>;
  /** Mounted at `POST /api/dora/webhooks/<id>` when present. */
  readonly webhook?: DoraProviderWebhook;
}

/**
 * Lets backend modules add providers to the DORA backend.
 *
 * @public
 */
export interface DoraProvidersExtensionPoint {
  /** Registers providers; their ids must be unique across the backend. */
  addProvider(...providers: DoraProvider[]): void;
}

/**
 * Extension point `dora.providers`.
 *
 * @public
 */
export const doraProvidersExtensionPoint =
  createExtensionPoint<DoraProvidersExtensionPoint>({
    id: 'dora.providers',
  });
