import { mockServices } from '@backstage/backend-test-utils';
import { DoraEvent } from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';

/**
 * An in-memory stand-in for the DORA backend's side of a sync: events kept
 * by (kind, source, id) like the real store, cursors in a map, and every
 * successful ingest call recorded.
 */
export function fakeSyncContext(options?: { failOnCall?: number }) {
  const stored = new Map<string, DoraEvent>();
  const cursors = new Map<string, string>();
  const calls: DoraEvent[][] = [];
  const controller = new AbortController();
  let attempts = 0;
  const context: DoraProviderSyncContext = {
    async ingest(events) {
      attempts += 1;
      if (attempts === options?.failOnCall) {
        throw new Error('Simulated crash');
      }
      if (events.length > 5000) throw new Error('Too many events');
      let updated = 0;
      for (const event of events as DoraEvent[]) {
        const key = `${event.kind}/${event.source}/${event.id}`;
        if (stored.has(key)) updated += 1;
        stored.set(key, event);
      }
      calls.push(events as DoraEvent[]);
      return { accepted: events.length, updated };
    },
    cursors: {
      get: async scope => cursors.get(scope),
      set: async (scope, cursor) => {
        cursors.set(scope, cursor);
      },
    },
    countUnmatched: () => {},
    logger: mockServices.logger.mock(),
    signal: controller.signal,
  };
  return { context, stored, cursors, calls, controller };
}
