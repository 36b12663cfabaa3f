import { Knex } from 'knex';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Webhook delivery ids already taken, and the last change of each vendor
 * object as deliveries told it, per provider, in the DORA database so
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

  /**
   * Records `occurredAt` as the object's last change unless a later change
   * was recorded; `true` when one was (the delivery is stale). Atomic across
   * instances. An equal time is not stale, so a retried delivery goes on.
   */
  async isStale(
    provider: string,
    objectId: string,
    occurredAt: number,
    now = Date.now(),
  ): Promise<boolean> {
    await this.purgeIfDue(now);
    const written = await this.knex('dora_webhook_object_versions')
      .insert({
        provider,
        object_id: objectId,
        occurred_at: occurredAt,
        received_at: now,
      })
      .onConflict(['provider', 'object_id'])
      .merge(['occurred_at', 'received_at'])
      .where('dora_webhook_object_versions.occurred_at', '<=', occurredAt)
      .returning('object_id');
    return written.length === 0;
  }

  private async purgeIfDue(now: number) {
    const every = this.options.purgeEveryMs ?? HOUR_MS;
    if (now - this.lastPurge < every) return;
    this.lastPurge = now;
    const before = now - (this.options.ttlMs ?? 7 * DAY_MS);
    await this.knex('dora_webhook_deliveries')
      .where('received_at', '<', before)
      .delete();
    await this.knex('dora_webhook_object_versions')
      .where('received_at', '<', before)
      .delete();
  }
}
