// @ts-check

/**
 * The SLO alert notifications sent: one row per alert transition (an SLO's
 * page or ticket alert started, or resolved), keyed so that two instances
 * computing the same transition send it once. Rows older than 30 days are
 * purged by the snapshot task.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_slo_notifications', table => {
    table.string('key', 700).primary();
    table.bigInteger('sent_at').notNullable();
    table.index(['sent_at'], 'dora_slo_notifications_sent_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_slo_notifications');
};
