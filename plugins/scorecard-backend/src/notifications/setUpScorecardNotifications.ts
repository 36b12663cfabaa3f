import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ScorecardLevel } from '@paved-road/plugin-scorecard-common';
import { CheckDefinition } from '../config/types';
import { CampaignReminder, CampaignSource } from './CampaignReminder';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import {
  GoldenPathReleaseNotifier,
  readArchetypes,
} from './GoldenPathReleaseNotifier';
import { LevelDropNotifier, SaveEvaluated } from './LevelDropNotifier';
import { NotificationSender } from './NotificationSender';
import { readNotificationsConfig } from './readNotificationsConfig';

/** Records of sent notifications are kept this long. */
const KEEP_MS = 90 * 86_400_000;

/** Options of {@link setUpScorecardNotifications}. @internal */
export interface ScorecardNotificationsOptions {
  config: Config;
  database: DatabaseService;
  notifications: NotificationService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  levels: ScorecardLevel[];
  checks: CheckDefinition[];
}

/**
 * Reads `scorecard.notifications` (failing start-up when malformed) and
 * starts the notifications that are switched on: level drops (through the
 * returned `wrapSave`) and, in a daily task run once across instances,
 * golden-path releases and campaign reminders (once `useCampaigns` is
 * called).
 *
 * @internal
 */
export async function setUpScorecardNotifications(
  options: ScorecardNotificationsOptions,
): Promise<{
  wrapSave(save: SaveEvaluated): SaveEvaluated;
  useCampaigns(campaigns: CampaignSource): void;
}> {
  const settings = readNotificationsConfig(options.config);
  const store = await DatabaseNotificationStore.create({
    database: options.database,
  });
  const sender = new NotificationSender({
    store,
    notifications: options.notifications,
    logger: options.logger,
  });
  const levelDrops = settings.levelDrop
    ? new LevelDropNotifier({
        store,
        sender,
        levels: options.levels,
        logger: options.logger,
      })
    : undefined;
  const releases = settings.goldenPathRelease
    ? new GoldenPathReleaseNotifier({
        store,
        sender,
        catalog: options.catalog,
        auth: options.auth,
        logger: options.logger,
        archetypes: readArchetypes(options.config),
        checks: options.checks,
      })
    : undefined;
  let reminder: CampaignReminder | undefined;
  await options.scheduler.scheduleTask({
    id: 'scorecard-notifications',
    ...settings.schedule,
    scope: 'global',
    fn: async () => {
      // One failing kind must not keep the others from running.
      const jobs: Array<[string, () => Promise<string | undefined>]> = [
        [
          'golden-path release',
          async () => {
            const r = await releases?.run();
            return r?.released.length
              ? `golden-path releases ${r.released.join(', ')}: ${
                  r.sent
                } owners notified`
              : undefined;
          },
        ],
        [
          'campaign reminder',
          async () => {
            const sent = (await reminder?.run()) ?? 0;
            return sent > 0
              ? `campaign reminders: ${sent} owners notified`
              : undefined;
          },
        ],
        [
          'purge',
          async () => {
            await store.purge(new Date(Date.now() - KEEP_MS));
            return undefined;
          },
        ],
      ];
      for (const [name, job] of jobs) {
        try {
          const summary = await job();
          if (summary) options.logger.info(`Scorecard ${summary}`);
        } catch (e) {
          options.logger.warn(
            `Scorecard ${name} notifications failed: ${(e as Error).message}`,
          );
        }
      }
    },
  });
  return {
    wrapSave: save => (levelDrops ? levelDrops.wrap(save) : save),
    useCampaigns(campaigns) {
      const { enabled, daysBefore } = settings.campaignReminder;
      if (enabled) {
        reminder = new CampaignReminder({ campaigns, sender, daysBefore });
      }
    },
  };
}
