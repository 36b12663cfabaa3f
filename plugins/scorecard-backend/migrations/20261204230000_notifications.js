// @ts-check

/**
 * Notifications the scorecard sent, and the golden-path archetype versions
 * it last saw. A notification is recorded under a key derived from what it
 * is about (a level drop, a release, a campaign reminder day) before it is
 * sent, so that two instances noticing the same thing send it once. Times
 * are epoch milliseconds in bigint columns, like the other tables.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_notifications_sent', table => {
    table.comment('One row per notification sent, keyed for deduplication');
    table.string('key', 700).primary();
    table
      .string('kind', 32)
      .notNullable()
      .comment('level-drop, golden-path-release or campaign-reminder');
    table.bigInteger('sent_at').notNullable();
    table.index(['sent_at'], 'scorecard_notifications_sent_at_idx');
  });

  await knex.schema.createTable('scorecard_golden_path_versions', table => {
    table.comment('The latest version of each archetype the scorecard saw');
    table.string('archetype', 255).primary();
    table.string('version', 64).notNullable();
    table.bigInteger('recorded_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_golden_path_versions');
  await knex.schema.dropTable('scorecard_notifications_sent');
};
