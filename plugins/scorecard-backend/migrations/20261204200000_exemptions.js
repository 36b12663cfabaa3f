// @ts-check

/**
 * Exemptions of one entity from one check, and which checks of each latest
 * scorecard are exempt (for the overview's "exempt check" filter). Times are
 * epoch milliseconds in bigint columns, like the other tables.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_exemptions', table => {
    table.comment('Requested, approved, denied and expired exemptions');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('justification').notNullable();
    table.string('requested_by', 255).notNullable();
    table.bigInteger('requested_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved, denied or expired');
    table.string('decided_by', 255).nullable();
    table.bigInteger('decided_at').nullable();
    table.text('comment').nullable();
    table.index(['status', 'requested_at']);
    table.index(['entity_ref', 'check_id']);
    table.index(['status', 'expires_at']);
  });
  // At most one live (pending or approved) exemption per entity and check,
  // also when two instances take requests at once. Both engines support
  // partial unique indexes.
  await knex.raw(
    `CREATE UNIQUE INDEX scorecard_exemptions_live_uq ON scorecard_exemptions (entity_ref, check_id) WHERE status IN ('pending', 'approved')`,
  );

  await knex.schema.createTable('scorecard_exempt', table => {
    table.comment('Checks that are exempt in the latest scorecard');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_exempt');
  await knex.schema.dropTable('scorecard_exemptions');
};
