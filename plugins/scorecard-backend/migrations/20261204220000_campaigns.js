// @ts-check

/**
 * Campaigns created through the API (configured ones live in app-config),
 * and the daily progress of every campaign per team. Times are epoch
 * milliseconds in bigint columns, like the other tables; a day is the UTC
 * date as `YYYY-MM-DD`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_campaigns', table => {
    table.comment('Campaigns created through the API');
    table.string('id', 64).primary();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table.text('goal').notNullable().comment('JSON: { check } or { level }');
    table.text('filter').notNullable().comment('JSON entity filter');
    table.bigInteger('deadline').notNullable();
    table.string('owner', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('closed_at').nullable();
  });

  await knex.schema.createTable('scorecard_campaign_progress', table => {
    table.comment('Daily progress of each campaign, per team and overall');
    table.string('campaign_id', 64).notNullable();
    table.string('day', 10).notNullable().comment('UTC date, YYYY-MM-DD');
    table
      .string('team', 255)
      .notNullable()
      .comment("group ref, '' for no owner, '*' for the whole campaign");
    table.integer('done').notNullable();
    table.integer('total').notNullable();
    table.primary(['campaign_id', 'day', 'team']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_campaign_progress');
  await knex.schema.dropTable('scorecard_campaigns');
};
