// @ts-check

/**
 * Platform outcomes: the daily golden-path adoption (overall and per team,
 * child groups included) and developer satisfaction pulses, one answer per
 * user per template per quarter. Times are epoch milliseconds in bigint
 * columns, like the other tables; a day is the UTC date as `YYYY-MM-DD`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_outcomes_adoption', table => {
    table.comment(
      'Daily golden-path adoption of services, overall and per team',
    );
    table.string('day', 10).notNullable().comment('UTC date, YYYY-MM-DD');
    table
      .string('team', 255)
      .notNullable()
      .comment("group ref (child groups included), '*' for every service");
    table.integer('services').notNullable();
    table.integer('golden_path').notNullable();
    table.integer('current').notNullable();
    table.primary(['day', 'team']);
  });

  await knex.schema.createTable('scorecard_outcomes_pulse', table => {
    table.comment(
      'Developer satisfaction pulses per user, template and quarter',
    );
    table.string('user_ref', 255).notNullable();
    table.string('template_ref', 255).notNullable();
    table.string('quarter', 7).notNullable().comment('UTC quarter, YYYY-Qn');
    table.integer('score').notNullable().comment('0 to 10');
    table.text('comment').nullable();
    table.bigInteger('answered_at').notNullable();
    table.primary(['user_ref', 'template_ref', 'quarter']);
    table.index(['template_ref', 'answered_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_outcomes_pulse');
  await knex.schema.dropTable('scorecard_outcomes_adoption');
};
