import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { readMs, readMsOrNull } from '../database/time';
import { SloIncident } from './loadSliData';

interface IncidentRow {
  opened_at: string | number;
  resolved_at: string | number | null;
  severity: string | null;
}

/**
 * Reads incidents for SLO computations from the DORA store's tables (the
 * DORA plugin's database; its migrations create them).
 */
export class DatabaseSloIncidents {
  private constructor(private readonly knex: Knex) {}

  static async create(options: { database: DatabaseService }) {
    return new DatabaseSloIncidents(await options.database.getClient());
  }

  /** Incidents of the entity open at some point in [from, to). */
  async list(options: {
    entityRef: string;
    from: Date;
    to: Date;
  }): Promise<SloIncident[]> {
    const rows: IncidentRow[] = await this.knex('dora_incidents')
      .select('opened_at', 'resolved_at', 'severity')
      // The DORA store keeps entity refs in lower case.
      .where('entity_ref', options.entityRef.toLocaleLowerCase('en-US'))
      .where('opened_at', '<', options.to.getTime())
      .where(q =>
        q
          .whereNull('resolved_at')
          .orWhere('resolved_at', '>', options.from.getTime()),
      )
      .orderBy('opened_at');
    return rows.map(r => ({
      openedAt: readMs(r.opened_at),
      resolvedAt: readMsOrNull(r.resolved_at),
      severity: r.severity,
    }));
  }
}
