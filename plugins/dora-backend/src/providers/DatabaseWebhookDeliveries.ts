import { Knex } from 'knex';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Webhook delivery ids already taken, per provider, in the DORA database so
 * that every backend instance sees them. Ids older than `ttlMs` are purged
 * opportunistically, at most once per `purgeEveryMs` per instance.
 */
export class DatabaseWebhookDeliveries {
  private lastPurge = 0;

  constructor(
    private readonly knex: Knex,
    private readonly options: { ttlMs?: number; purgeEveryMs?: number } = {},
  ) {}

  /**
   * Records the delivery; `true` when this call recorded it, `false` when
   * it was recorded before (a replay). Atomic across instances: of two
   * concurrent deliveries with one id, exactly one is taken.
   */
  async take(
    provider: string,
    deliveryId: string,
    now = Date.now(),
  ): Promise<boolean> {
    await this.purgeIfDue(now);
    const inserted = await this.knex('dora_webhook_deliveries')
      .insert({ provider, delivery_id: deliveryId, received_at: now })
      .onConflict(['provider', 'delivery_id'])
      .ignore()
      .returning('delivery_id');
    return inserted.length > 0;
  }

  /** Forgets a taken delivery whose handling failed, so a retry is handled. */
  async release(provider: string, deliveryId: string): Promise<void> {
    await this.knex('dora_webhook_deliveries')
      .where({ provider, delivery_id: deliveryId })
      .delete();
  }

  private async purgeIfDue(now: number) {
    const every = this.options.purgeEveryMs ?? HOUR_MS;
    if (now - this.lastPurge < every) return;
    this.lastPurge = now;
    await this.knex('dora_webhook_deliveries')
      .where('received_at', '<', now - (this.options.ttlMs ?? 7 * DAY_MS))
      .delete();
  }
}
