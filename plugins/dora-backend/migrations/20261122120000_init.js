// @ts-check

/**
 * Deployments, their changes and incidents. Times are epoch milliseconds in
 * bigint columns on every engine, so SQLite and PostgreSQL compare, subtract
 * and group them the same way. Flags are 0/1 integers for the same reason.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_deployments', table => {
    table.comment('Deployment events, one row per (source, id)');
    table.bigIncrements('id').primary();
    table.string('source', 255).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.string('status', 32).notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').notNullable();
    table.string('commit_sha', 255).nullable();
    table.integer('rework').notNullable();
    table
      .integer('qualifies')
      .notNullable()
      .comment('1 if production (configured matchers) and success/rolled_back');
    table.unique(['source', 'external_id']);
    // id last: "latest before" links order by (finished_at, id) from it.
    table.index(['entity_ref', 'finished_at', 'id']);
    table.index(['entity_ref', 'external_id']);
  });

  await knex.schema.createTable('dora_changes', table => {
    table.comment('Changes shipped by a deployment, denormalised for queries');
    table.bigInteger('deployment_id').notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('sha', 255).notNullable();
    table.bigInteger('committed_at').notNullable();
    table.bigInteger('finished_at').notNullable();
    table.bigInteger('lead_ms').notNullable();
    table.integer('qualifies').notNullable();
    table
      .integer('first_shipped')
      .notNullable()
      .comment(
        '1 if no earlier qualifying deployment of the entity shipped sha',
      );
    table.primary(['deployment_id', 'sha']);
    // No (entity_ref, finished_at) index: window queries reach changes
    // through dora_deployments and the primary key, which keeps ingest cheaper.
    table.index(['sha']);
  });

  await knex.schema.createTable('dora_incidents', table => {
    table.comment('Incident events, one row per (source, id)');
    table.bigIncrements('id').primary();
    table.string('source', 255).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.string('severity', 255).nullable();
    table.string('deployment_ref', 255).nullable();
    table.bigInteger('linked_deployment_id').nullable();
    table.string('link_rule', 32).nullable();
    table.unique(['source', 'external_id']);
    table.index(['entity_ref', 'opened_at']);
    table.index(['linked_deployment_id']);
    table.index(['deployment_ref']);
  });

  await knex.schema.createTable('dora_meta', table => {
    table.comment('Settings the stored flags were computed with');
    table.string('key', 255).primary();
    table.text('value').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_meta');
  await knex.schema.dropTable('dora_incidents');
  await knex.schema.dropTable('dora_changes');
  await knex.schema.dropTable('dora_deployments');
};
