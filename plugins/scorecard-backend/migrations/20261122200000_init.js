// @ts-check

/**
 * Current scorecard per entity, its failing checks (for the overview's
 * "failing check" filter) and the history of evaluations. Times are epoch
 * milliseconds in bigint columns on every engine.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_results', table => {
    table.comment('The latest scorecard of each evaluated entity');
    table.string('entity_ref', 255).primary();
    table.string('kind', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('owner', 255).nullable();
    table.integer('score').notNullable();
    table.string('level_id', 255).nullable();
    table.bigInteger('evaluated_at').notNullable();
    table
      .bigInteger('history_at')
      .notNullable()
      .comment('When the last history point of this entity was written');
    table
      .text('signature')
      .notNullable()
      .comment('score, level and statuses, to detect a change');
    table.text('result').notNullable().comment('EntityScorecard as JSON');
    table.index(['owner']);
    table.index(['kind']);
    table.index(['level_id']);
  });

  await knex.schema.createTable('scorecard_failing', table => {
    table.comment('Checks that failed or errored in the latest scorecard');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id']);
  });

  await knex.schema.createTable('scorecard_history', table => {
    table.comment('Past evaluations: on every change, and at least daily');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.integer('score').notNullable();
    table.string('level_id', 255).nullable();
    table.text('checks').notNullable().comment('status per check id, JSON');
    table.index(['entity_ref', 'evaluated_at']);
    table.index(['evaluated_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_history');
  await knex.schema.dropTable('scorecard_failing');
  await knex.schema.dropTable('scorecard_results');
};
