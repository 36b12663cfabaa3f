// @ts-check

/**
 * When each vendor object (e.g. a PagerDuty incident) last changed, as told
 * by the webhook deliveries handled so far: a delivery older than that is
 * stale and never rewinds the stored state. Purged with the delivery ids.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_webhook_object_versions', table => {
    table.string('provider', 255).notNullable();
    table.string('object_id', 255).notNullable();
    table.bigInteger('occurred_at').notNullable();
    table.bigInteger('received_at').notNullable();
    table.primary(['provider', 'object_id']);
    table.index(['received_at'], 'dora_webhook_object_versions_received_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_webhook_object_versions');
};
