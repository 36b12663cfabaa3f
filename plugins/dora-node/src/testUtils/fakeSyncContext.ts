import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  DORA_MAX_EVENTS_PER_REQUEST,
  DoraEvent,
} from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';

/**
 * Options of {@link fakeSyncContext}.
 *
 * @public
 */
export interface FakeSyncContextOptions {
  /** Makes the n-th ingest call (1 for the first) throw, as a crash would. */
  failIngestOnCall?: number;
}

/**
 * An in-memory stand-in for the DORA backend's side of a sync run, from
 * {@link fakeSyncContext}.
 *
 * @public
 */
export interface FakeSyncContext<TEvent extends DoraEvent = DoraEvent> {
  /** Hand this to `provider.sync(...)` or `webhook.handle(..., context)`. */
  context: DoraProviderSyncContext;
  /** Stored events by `kind/source/id`; a resend replaces the event. */
  stored: Map<string, TEvent>;
  /** Saved cursors by scope. */
  cursors: Map<string, string>;
  /** The events of every ingest call that succeeded, in order. */
  calls: TEvent[][];
  /** The count of every `countUnmatched` call, in order. */
  unmatched: number[];
  /** The sum of {@link FakeSyncContext.unmatched}. */
  readonly unmatchedTotal: number;
  /** Ingest calls made, failed ones included. */
  readonly ingestAttempts: number;
  /** Aborts `context.signal`, as a run timeout or a shutdown would. */
  controller: AbortController;
}

/** The identity of an event, as the DORA store keys it. */
function identity(event: unknown, index: number): string {
  const { kind, source, id } = (event ?? {}) as Partial<DoraEvent>;
  for (const [field, value] of Object.entries({ kind, source, id })) {
    if (typeof value !== 'string' || !value) {
      throw new InputError(
        `Invalid event at index ${index}: '${field}' is required`,
      );
    }
  }
  return `${kind}/${source}/${id}`;
}

/**
 * The DORA backend's side of a sync, in memory, answering like
 * `POST /api/dora/events`: events kept by (kind, source, id), a batch
 * stored all or nothing, at most 5,000 events a call (more fail like the
 * 413), and `{ accepted, updated }` where `accepted` counts every event of
 * the batch and `updated` those that replaced a stored one (an event sent
 * twice in one batch replaces itself).
 *
 * @public
 */
export function fakeSyncContext<TEvent extends DoraEvent = DoraEvent>(
  options: FakeSyncContextOptions = {},
): FakeSyncContext<TEvent> {
  const stored = new Map<string, TEvent>();
  const cursors = new Map<string, string>();
  const calls: TEvent[][] = [];
  const unmatched: number[] = [];
  const controller = new AbortController();
  let ingestAttempts = 0;
  const context: DoraProviderSyncContext = {
    async ingest(events) {
      ingestAttempts += 1;
      if (ingestAttempts === options.failIngestOnCall) {
        throw new Error('Simulated crash');
      }
      if (events.length > DORA_MAX_EVENTS_PER_REQUEST) {
        throw new Error(
          `Too many events: ${events.length}, at most ${DORA_MAX_EVENTS_PER_REQUEST} per request`,
        );
      }
      const keys = events.map(identity);
      let updated = 0;
      keys.forEach((key, index) => {
        if (stored.has(key)) updated += 1;
        stored.set(key, events[index] as TEvent);
      });
      calls.push(events as TEvent[]);
      return { accepted: events.length, updated };
    },
    cursors: {
      get: async scope => cursors.get(scope),
      set: async (scope, cursor) => {
        cursors.set(scope, cursor);
      },
    },
    countUnmatched: count => {
      unmatched.push(count);
    },
    logger: mockServices.logger.mock(),
    signal: controller.signal,
  };
  return {
    context,
    stored,
    cursors,
    calls,
    unmatched,
    get unmatchedTotal() {
      return unmatched.reduce((sum, count) => sum + count, 0);
    },
    get ingestAttempts() {
      return ingestAttempts;
    },
    controller,
  };
}
