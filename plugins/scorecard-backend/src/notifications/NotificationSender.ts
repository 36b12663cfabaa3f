import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  DatabaseNotificationStore,
  NotificationKind,
} from './DatabaseNotificationStore';

/** What became of one notification. @internal */
export type SendOutcome = 'sent' | 'duplicate' | 'failed';

/**
 * Sends a notification once across instances: records its key first and
 * sends only when this caller recorded it. A failure (no notifications
 * backend, a database error) is logged as a warning and forgets the key,
 * so that a later run may try again; it never throws.
 *
 * @internal
 */
export class NotificationSender {
  constructor(
    private readonly options: {
      store: DatabaseNotificationStore;
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async sendOnce(
    key: string,
    kind: NotificationKind,
    notification: NotificationSendOptions,
  ): Promise<SendOutcome> {
    const { store, notifications, logger } = this.options;
    try {
      if (!(await store.claim(key, kind, this.options.now?.() ?? new Date())))
        return 'duplicate';
    } catch (e) {
      logger.warn(
        `Scorecard notification '${key}' not sent: recording it failed: ${
          (e as Error).message
        }`,
      );
      return 'failed';
    }
    try {
      await notifications.send(notification);
      return 'sent';
    } catch (e) {
      logger.warn(
        `Scorecard notification '${key}' not sent (is the notifications backend installed?): ${
          (e as Error).message
        }`,
      );
      await store.release(key).catch(() => undefined);
      return 'failed';
    }
  }
}
