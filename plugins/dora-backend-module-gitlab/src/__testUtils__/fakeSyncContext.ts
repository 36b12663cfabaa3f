import { mockServices } from '@backstage/backend-test-utils';
import { DoraDeploymentEvent } from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';

/**
 * The DORA backend's side of a sync, in memory: events kept by (kind,
 * source, id) like the real store, cursors in a map, every ingest call and
 * unmatched count recorded. `failOnCall` makes that ingest call throw, as a
 * crash between two pages would.
 */
export function fakeSyncContext(options: { failOnCall?: number } = {}) {
  const stored = new Map<string, DoraDeploymentEvent>();
  const cursors = new Map<string, string>();
  const calls: DoraDeploymentEvent[][] = [];
  const unmatched: number[] = [];
  let attempts = 0;
  const context: DoraProviderSyncContext = {
    async ingest(events) {
      attempts += 1;
      if (attempts === options.failOnCall) throw new Error('Simulated crash');
      let updated = 0;
      for (const event of events as DoraDeploymentEvent[]) {
        const key = `${event.kind}/${event.source}/${event.id}`;
        if (stored.has(key)) updated += 1;
        stored.set(key, event);
      }
      calls.push(events as DoraDeploymentEvent[]);
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
    signal: new AbortController().signal,
  };
  return { context, stored, cursors, calls, unmatched };
}
