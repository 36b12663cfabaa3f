// @ts-check

/**
 * A hash of each stored result's content (everything but its evaluation
 * time), so a pass over unchanged facts updates `evaluated_at` instead of
 * rewriting the result, its failing and exempt rows. NULL until the next
 * pass stores the entity's result.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_results', table => {
    table
      .string('content_hash', 64)
      .nullable()
      .comment('SHA-256 of the result without evaluatedAt, and its columns');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecard_results', table => {
    table.dropColumn('content_hash');
  });
};
