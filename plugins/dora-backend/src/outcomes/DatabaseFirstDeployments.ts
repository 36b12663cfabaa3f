import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { chunk } from '../database/chunk';
import { readMs } from '../database/time';

// Two parameters per entity: well under SQLite's and PostgreSQL's limits.
const ENTITIES_PER_QUERY = 200;

/**
 * Reads each scaffolded service's first production deployment from the
 * DORA store's tables. Read only: the tables and their migrations belong to
 * `DatabaseDoraStore`, which must have been created first.
 *
 * @internal
 */
export class DatabaseFirstDeployments {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFirstDeployments> {
    return new DatabaseFirstDeployments(await options.database.getClient());
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * For each service, the `finishedAt` (epoch ms) of its first deployment
   * that counts for the four keys (the stored `qualifies` flag: production
   * and `success` or `rolled_back`), finished at or after `since` and
   * before `before`; services without one are absent from the map.
   */
  async firstDeployments(
    services: Array<{ entityRef: string; since: number }>,
    before: number,
  ): Promise<Map<string, number>> {
    const first = new Map<string, number>();
    for (const part of chunk(services, ENTITIES_PER_QUERY)) {
      const rows: Array<{ entity_ref: string; first: unknown }> =
        await this.knex('dora_deployments')
          .select('entity_ref')
          .min({ first: 'finished_at' })
          .where('qualifies', 1)
          .where('finished_at', '<', before)
          .where(qb => {
            for (const s of part) {
              qb.orWhere(inner =>
                inner
                  .where('entity_ref', s.entityRef)
                  .where('finished_at', '>=', s.since),
              );
            }
          })
          .groupBy('entity_ref');
      for (const row of rows) first.set(row.entity_ref, readMs(row.first));
    }
    return first;
  }
}
