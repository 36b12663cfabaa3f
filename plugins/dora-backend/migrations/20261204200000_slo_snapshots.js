// @ts-check

/**
 * SLO status computed on a schedule: the latest status of each entity's
 * SLOs (one row per entity, the whole answer of `GET /slos` as JSON) and one
 * row per SLO and UTC day with the day's last attainment and remaining error
 * budget. Times are epoch ms, days `YYYY-MM-DD`, so both engines agree.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_slo_snapshots', table => {
    // Lower-case entity ref, as the DORA store keeps them.
    table.string('entity_ref', 255).notNullable().primary();
    table.text('body').notNullable();
    table.bigInteger('computed_at').notNullable();
    table.index(['computed_at'], 'dora_slo_snapshots_computed_idx');
  });
  await knex.schema.createTable('dora_slo_daily', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 255).notNullable();
    table.string('day', 10).notNullable();
    table.double('attainment').nullable();
    table.double('budget_remaining').nullable();
    table.bigInteger('computed_at').notNullable();
    table.primary(['entity_ref', 'slo_name', 'day']);
    table.index(['day'], 'dora_slo_daily_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_slo_daily');
  await knex.schema.dropTable('dora_slo_snapshots');
};
