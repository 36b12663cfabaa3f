import { mockServices } from '@backstage/backend-test-utils';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';

/**
 * The DORA backend's side of a sync, in memory: events kept by (kind,
 * source, id) like the real store, cursors in a map, every successful
 * ingest call and every unmatched count recorded.
 */
export function fakeSyncContext() {
  const stored = new Map<string, DoraIncidentEvent>();
  const cursors = new Map<string, string>();
  const batches: DoraIncidentEvent[][] = [];
  const unmatched: number[] = [];
  const controller = new AbortController();
  const context: DoraProviderSyncContext = {
    async ingest(events) {
      if (events.length > 5000) throw new Error('Too many events');
      let updated = 0;
      for (const event of events as DoraIncidentEvent[]) {
        const key = `${event.kind}/${event.source}/${event.id}`;
        if (stored.has(key)) updated += 1;
        stored.set(key, event);
      }
      batches.push(events as DoraIncidentEvent[]);
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
  return { context, stored, cursors, batches, unmatched, controller };
}
