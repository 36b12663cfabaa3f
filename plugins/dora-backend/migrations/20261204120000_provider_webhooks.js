// @ts-check

/**
 * Webhook deliveries whose objects matched no catalog entity, per provider:
 * counted by the DORA backend (the webhook context's `countUnmatched`)
 * instead of each provider keeping a tally in a cursor.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_provider_status', table => {
    table.integer('webhook_unmatched').notNullable().defaultTo(0);
    table.bigInteger('webhook_last_unmatched_at').nullable();
  });
  // The tallies the GitHub and PagerDuty modules kept as cursors before.
  await knex('dora_provider_cursors')
    .where({ provider: 'github', scope: 'webhooks:unmatched' })
    .orWhere({ provider: 'pagerduty', scope: 'webhook:unmatched' })
    .delete();
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_provider_status', table => {
    table.dropColumn('webhook_last_unmatched_at');
    table.dropColumn('webhook_unmatched');
  });
};
