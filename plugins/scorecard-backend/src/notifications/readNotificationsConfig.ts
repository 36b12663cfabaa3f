import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { z } from 'zod';

/** `scorecard.notifications`, validated, with defaults. @internal */
export interface NotificationsConfig {
  /** Tell the owner when an entity drops a level. */
  levelDrop: boolean;
  /** Tell owners of lagging entities when an archetype's version changes. */
  goldenPathRelease: boolean;
  campaignReminder: {
    enabled: boolean;
    /** Remind this many days before a campaign's deadline. */
    daysBefore: number;
  };
  /** The daily task of golden-path releases and campaign reminders. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 24 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 2 },
};

const schema = z
  .object({
    levelDrop: z.boolean({ error: 'expected true or false' }).default(true),
    goldenPathRelease: z
      .boolean({ error: 'expected true or false' })
      .default(true),
    campaignReminder: z
      .object({
        enabled: z.boolean({ error: 'expected true or false' }).default(true),
        daysBefore: z
          .number({ error: 'expected a whole number of days' })
          .int({ error: 'expected a whole number of days' })
          .min(1, { error: 'expected at least 1 day' })
          .max(365, { error: 'expected at most 365 days' })
          .default(7),
      })
      .strict()
      .default({ enabled: true, daysBefore: 7 }),
    // Read below, which accepts Backstage's schedule forms.
    schedule: z.unknown().optional(),
  })
  .strict();

/**
 * Reads `scorecard.notifications`, failing at start-up with the key named,
 * e.g. `scorecard.notifications.campaignReminder.daysBefore: expected at
 * least 1 day`. Every kind of notification is on by default; the daily
 * task runs every 24 hours, 2 minutes after start-up.
 *
 * @internal
 */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  const raw = config.getOptional('scorecard.notifications') ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys =
      issue.code === 'unrecognized_keys'
        ? [...issue.path, issue.keys[0]]
        : issue.path;
    const path = ['scorecard', 'notifications', ...keys.map(String)].join('.');
    const message =
      issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new Error(`Invalid scorecard configuration: ${path}: ${message}`);
  }
  const { schedule, ...kinds } = parsed.data;
  return {
    ...kinds,
    schedule: schedule === undefined ? DEFAULT_SCHEDULE : readSchedule(config),
  };
}

function readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig('scorecard.notifications.schedule'),
    );
  } catch (e) {
    throw new Error(
      `Invalid scorecard configuration: scorecard.notifications.schedule: ${
        (e as Error).message
      }`,
    );
  }
}
