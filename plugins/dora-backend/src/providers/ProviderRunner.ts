import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DoraEventsResponse } from '@paved-road/plugin-dora-common';
import { DoraProvider, DoraProviderStatus } from '@paved-road/plugin-dora-node';
import { DatabaseProviderStore } from './DatabaseProviderStore';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 15 },
};

/**
 * Runs the providers added through `dora.providers`: one global scheduled
 * task each (one instance at a time across a cluster), with cursors and
 * run status kept in the database.
 */
export class ProviderRunner {
  constructor(
    private readonly options: {
      providers: () => DoraProvider[];
      store: DatabaseProviderStore;
      ingest: (body: unknown) => Promise<DoraEventsResponse>;
      logger: LoggerService;
    },
  ) {}

  async schedule(scheduler: SchedulerService) {
    for (const provider of this.options.providers()) {
      if (!provider.sync) continue;
      await scheduler.scheduleTask({
        id: `dora-provider-${provider.id}`,
        scope: 'global',
        ...DEFAULT_SCHEDULE,
        ...provider.schedule,
        fn: async signal => {
          await this.run(provider, signal ?? new AbortController().signal);
        },
      });
    }
  }

  /** One sync run; failures are recorded in the status, never thrown. */
  async run(provider: DoraProvider, signal: AbortSignal): Promise<void> {
    const { store, logger } = this.options;
    const totals = { accepted: 0, updated: 0, unmatched: 0 };
    await store.runStarted(provider.id);
    let error: string | undefined;
    try {
      await provider.sync!({
        ingest: async events => {
          const result = await this.options.ingest({ events });
          totals.accepted += result.accepted;
          totals.updated += result.updated;
          return result;
        },
        cursors: {
          get: scope => store.getCursor(provider.id, scope),
          set: (scope, cursor) => store.setCursor(provider.id, scope, cursor),
        },
        countUnmatched: count => {
          totals.unmatched += count;
        },
        logger: logger.child({ provider: provider.id }),
        signal,
      });
    } catch (e) {
      error = (e as Error).message;
      logger.warn(`DORA provider '${provider.id}' failed: ${error}`);
    }
    await store.runFinished(provider.id, { ...totals, error });
  }

  async status(): Promise<DoraProviderStatus[]> {
    return Promise.all(
      this.options
        .providers()
        .map(p =>
          this.options.store.getStatus(p.id, { withWebhook: !!p.webhook }),
        ),
    );
  }
}
