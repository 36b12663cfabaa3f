// @ts-check

/**
 * Webhook delivery ids already handled, per provider, so that a replayed
 * delivery is acknowledged without work on every backend instance. Rows
 * older than the replay window are purged by the backend.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_webhook_deliveries', table => {
    table.string('provider', 255).notNullable();
    table.string('delivery_id', 255).notNullable();
    table.bigInteger('received_at').notNullable();
    table.primary(['provider', 'delivery_id']);
    table.index(['received_at'], 'dora_webhook_deliveries_received_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_webhook_deliveries');
};
