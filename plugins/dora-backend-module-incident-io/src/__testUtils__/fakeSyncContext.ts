import { mockServices } from '@backstage/backend-test-utils';
import { DoraEvent } from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';

/**
 * The DORA backend's side of a sync, in memory: events kept by
 * (kind, source, id) like the real store, cursors in a map, every accepted
 * ingest call and unmatched count recorded. `failIngestOnCall` makes one
 * ingest call throw, as a crash would.
 */
export function fakeSyncContext() {
  const stored = new Map<string, DoraEvent>();
  const cursors = new Map<string, string>();
  const calls: DoraEvent[][] = [];
  const options = { failIngestOnCall: undefined as number | undefined };
  const counts = { unmatched: 0, ingestAttempts: 0 };
  const context: DoraProviderSyncContext = {
    async ingest(events) {
      counts.ingestAttempts += 1;
      if (counts.ingestAttempts === options.failIngestOnCall) {
        throw new Error('Simulated crash');
      }
      let updated = 0;
      for (const event of events as DoraEvent[]) {
        const key = `${event.kind}/${event.source}/${event.id}`;
        if (stored.has(key)) updated += 1;
        stored.set(key, event);
      }
      calls.push(events as DoraEvent[]);
      return { accepted: events.length - updated, updated };
    },
    cursors: {
      get: async scope => cursors.get(scope),
      set: async (scope, cursor) => {
        cursors.set(scope, cursor);
      },
    },
    countUnmatched: n => {
      counts.unmatched += n;
    },
    logger: mockServices.logger.mock(),
    signal: new AbortController().signal,
  };
  return { context, stored, cursors, calls, counts, options };
}
