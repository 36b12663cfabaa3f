import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  Config,
  ConfigReader,
  JsonObject,
  readDurationFromConfig,
} from '@backstage/config';
import { DatabaseEventDeleter } from '../database/DatabaseEventDeleter';

/** `dora.retention`, validated. @internal */
export interface RetentionConfig {
  /** Events older than this many ms are deleted. */
  maxAgeMs: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DAY_MS = 86400000;
const DEFAULT_SCHEDULE = {
  frequency: { hours: 24 },
  timeout: { hours: 1 },
  initialDelay: { minutes: 5 },
};

// As @backstage/types' durationToMilliseconds counts them.
const UNIT_MS: Record<string, number> = {
  years: 365 * DAY_MS,
  months: 30 * DAY_MS,
  weeks: 7 * DAY_MS,
  days: DAY_MS,
  hours: 3600000,
  minutes: 60000,
  seconds: 1000,
  milliseconds: 1,
};

/** A duration read from config, in ms (NaN for an unknown unit). @internal */
export function toMs(duration: object): number {
  return Object.entries(duration as Record<string, number>).reduce(
    (sum, [unit, n]) => sum + (n ?? 0) * (UNIT_MS[unit] ?? NaN),
    0,
  );
}

const invalid = (key: string, expected: string) =>
  new Error(`Invalid configuration: 'dora.retention.${key}': ${expected}`);

/**
 * Reads `dora.retention`: undefined when absent (keep every event). A
 * malformed value fails at start-up naming the key.
 *
 * @internal
 */
export function readRetentionConfig(
  config: Config,
): RetentionConfig | undefined {
  const section = config.getOptionalConfig('dora.retention');
  if (!section) return undefined;
  const expected =
    "expected a duration of at least one day, e.g. { years: 2 }, { days: 730 }, '2y' or 'P2Y'";
  let maxAgeMs: number;
  try {
    maxAgeMs = toMs(readDurationFromConfig(section, { key: 'maxAge' }));
  } catch {
    throw invalid('maxAge', expected);
  }
  if (!(maxAgeMs >= DAY_MS)) throw invalid('maxAge', expected);
  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({
        ...DEFAULT_SCHEDULE,
        ...section.getOptional<JsonObject>('schedule'),
      }),
    );
  } catch (error) {
    throw invalid(
      'schedule',
      `expected a task schedule like { frequency: { hours: 24 }, timeout: { hours: 1 } } (${
        (error as Error).message
      })`,
    );
  }
  return { maxAgeMs, schedule };
}

/**
 * Schedules the retention task: once across instances, it deletes events
 * older than `maxAge` in bounded batches (rollups invalidated with each)
 * and stops between batches when aborted.
 *
 * @internal
 */
export async function scheduleRetention(options: {
  retention: RetentionConfig | undefined;
  scheduler: SchedulerService;
  deleter: Pick<DatabaseEventDeleter, 'deleteOlderThan'>;
  logger: LoggerService;
  now?: () => number;
}) {
  const { retention, deleter, logger } = options;
  if (!retention) return;
  const now = options.now ?? Date.now;
  await options.scheduler.scheduleTask({
    id: 'dora-retention',
    ...retention.schedule,
    scope: 'global',
    fn: async signal => {
      const before = now() - retention.maxAgeMs;
      const deleted = await deleter.deleteOlderThan(before, signal);
      if (deleted > 0) {
        logger.info(
          `DORA retention deleted ${deleted} events from before ${new Date(
            before,
          ).toISOString()}`,
        );
      }
    },
  });
}
