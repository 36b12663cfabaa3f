import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader, JsonObject } from '@backstage/config';
import { SloSnapshotRefresher } from './SloSnapshotRefresher';

/** `dora.slo.snapshots`, validated. */
export interface SloSnapshotConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Entities computed at the same time by one run. */
  concurrency: number;
}

/** Id of the scheduled task. */
export const SLO_SNAPSHOT_TASK_ID = 'dora-slo-snapshots';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 32;

const invalid = (key: string, expected: string) =>
  new Error(`Invalid configuration: 'dora.slo.snapshots.${key}': ${expected}`);

/**
 * Reads `dora.slo.snapshots` (all optional). A malformed value fails at
 * start-up naming the key.
 */
export function readSloSnapshotConfig(config: Config): SloSnapshotConfig {
  const section = config.getOptionalConfig('dora.slo.snapshots');
  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({
        ...DEFAULT_SCHEDULE,
        ...section?.getOptional<JsonObject>('schedule'),
      }),
    );
  } catch (error) {
    throw invalid(
      'schedule',
      `expected a task schedule like { frequency: { minutes: 5 }, timeout: { minutes: 10 } } (${
        (error as Error).message
      })`,
    );
  }
  const concurrency =
    section?.getOptional('concurrency') ?? DEFAULT_CONCURRENCY;
  if (
    typeof concurrency !== 'number' ||
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > MAX_CONCURRENCY
  ) {
    throw invalid(
      'concurrency',
      `expected a whole number from 1 to ${MAX_CONCURRENCY}, got '${concurrency}'`,
    );
  }
  return { schedule, concurrency };
}

/**
 * Schedules the SLO computation once across instances (global scope): each
 * run computes every SLO and stores snapshots and the day's history.
 */
export async function scheduleSloSnapshots(options: {
  scheduler: SchedulerService;
  snapshots: { config: SloSnapshotConfig; refresher: SloSnapshotRefresher };
}) {
  const { config, refresher } = options.snapshots;
  await options.scheduler.scheduleTask({
    id: SLO_SNAPSHOT_TASK_ID,
    ...config.schedule,
    scope: 'global',
    fn: async signal => {
      await refresher.run(signal);
    },
  });
}
