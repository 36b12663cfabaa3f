import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** The `scorecard.outcomes` config. @internal */
export interface OutcomesConfig {
  /** When the daily adoption is stored (a run stores at most one day). */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Services read per request and per daily run. */
  maxServices: number;
  /** Scaffolder tasks read per request, newest first. */
  maxScaffolderTasks: number;
  /** Days of stored history returned. */
  historyDays: number;
}

function bounded(config: Config, key: string, fallback: number, max: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(
      `Invalid scorecard configuration: scorecard.outcomes.${key}: expected a whole number from 1 to ${max}`,
    );
  }
  return value;
}

/** Reads `scorecard.outcomes`, with defaults. @internal */
export function readOutcomesConfig(root: Config): OutcomesConfig {
  const config = root.getOptionalConfig('scorecard.outcomes');
  const get = (key: string, fallback: number, max: number) =>
    config ? bounded(config, key, fallback, max) : fallback;
  let schedule: SchedulerServiceTaskScheduleDefinition = {
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 3 },
  };
  const scheduleConfig = config?.getOptionalConfig('schedule');
  if (scheduleConfig) {
    try {
      schedule =
        readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
    } catch (e) {
      throw new Error(
        `Invalid scorecard configuration: scorecard.outcomes.schedule: ${
          (e as Error).message
        }`,
      );
    }
  }
  return {
    schedule,
    maxServices: get('maxServices', 20_000, 100_000),
    maxScaffolderTasks: get('maxScaffolderTasks', 2_000, 20_000),
    historyDays: get('historyDays', 90, 730),
  };
}
