import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  DORA_MAX_EVENTS_PER_REQUEST,
  DoraEvent,
} from '@paved-road/plugin-dora-common';
import {
  DoraProvider,
  DoraProviderSyncContext,
} from '@paved-road/plugin-dora-node';
import { DemoConfig } from './config';
import { dayStartMs, generateDemoDay, utcDay } from './generateDemoDay';

const DAY = 86_400_000;

/**
 * Options of {@link DemoDoraProvider}.
 *
 * @public
 */
export interface DemoDoraProviderOptions {
  /** Entities to generate data for, and how many days back. */
  config: Pick<DemoConfig, 'entities' | 'days'>;
  /** The current time; tests pin it. Default: `Date.now`. */
  now?: () => number;
  /** Most events per ingest call. Default and maximum: 5,000. */
  batchSize?: number;
}

interface PendingBatch {
  events: DoraEvent[];
  /** The last complete day in the batch, saved as the cursor once stored. */
  lastCompleteDay?: string;
}

/**
 * Example only: generates a year of deterministic deployments and incidents
 * (source `demo`) for a few entities, with one cursor per entity holding the
 * last fully generated UTC day.
 *
 * @public
 */
export class DemoDoraProvider implements DoraProvider {
  /** Provider id `demo`, under which its cursors and status are kept. */
  readonly id = 'demo';
  /** Every 10 minutes, 5-minute timeout, first run 5 seconds after start. */
  readonly schedule: Pick<
    SchedulerServiceTaskScheduleDefinition,
    'frequency' | 'timeout' | 'initialDelay'
  > = {
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
  };

  private readonly now: () => number;
  private readonly batchSize: number;

  constructor(private readonly options: DemoDoraProviderOptions) {
    this.now = options.now ?? Date.now;
    this.batchSize = Math.min(
      options.batchSize ?? DORA_MAX_EVENTS_PER_REQUEST,
      DORA_MAX_EVENTS_PER_REQUEST,
    );
  }

  /** Generates and ingests every day after each entity's cursor, up to today. */
  async sync(context: DoraProviderSyncContext): Promise<void> {
    for (const entityRef of this.options.config.entities) {
      context.signal.throwIfAborted();
      await this.syncEntity(entityRef, context);
    }
  }

  private async syncEntity(
    entityRef: string,
    context: DoraProviderSyncContext,
  ) {
    const now = this.now();
    const today = utcDay(now);
    const firstDay = utcDay(dayStartMs(today) - this.options.config.days * DAY);
    const cursor = await context.cursors.get(entityRef);
    const from =
      cursor && cursor >= firstDay
        ? utcDay(dayStartMs(cursor) + DAY)
        : firstDay;
    let batch: PendingBatch = { events: [] };
    let incomplete = false;
    let total = 0;
    for (let day = from; day <= today; day = utcDay(dayStartMs(day) + DAY)) {
      const { events, complete } = generateDemoDay({ entityRef, day, now });
      if (batch.events.length + events.length > this.batchSize) {
        total += await this.flush(entityRef, batch, context);
        batch = { events: [] };
      }
      batch.events.push(...events);
      // The cursor never passes a day that must be generated again.
      incomplete ||= !complete;
      if (!incomplete) batch.lastCompleteDay = day;
    }
    total += await this.flush(entityRef, batch, context);
    context.logger.debug(
      `Demo data for '${entityRef}' from ${from}: ${total} events`,
    );
  }

  private async flush(
    entityRef: string,
    batch: PendingBatch,
    context: DoraProviderSyncContext,
  ): Promise<number> {
    context.signal.throwIfAborted();
    // A single day larger than a batch is sent in slices; its cursor is saved
    // only after its last slice.
    for (let i = 0; i < batch.events.length; i += this.batchSize) {
      await context.ingest(batch.events.slice(i, i + this.batchSize));
    }
    if (batch.lastCompleteDay) {
      await context.cursors.set(entityRef, batch.lastCompleteDay);
    }
    return batch.events.length;
  }
}
