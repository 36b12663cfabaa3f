import { DatabaseService } from '@backstage/backend-plugin-api';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { Knex } from 'knex';
import { chunk } from '../database/chunk';
import { whereInList } from '../database/inList';
import { readMs } from '../database/time';

/** An entity's SLO answer as stored by the last computation. */
export interface StoredSloSnapshot {
  /** `GET /slos` as computed, without `computedAt`. */
  body: DoraEntitySlos;
  /** Epoch ms. */
  computedAt: number;
}

/** One SLO's figures on one UTC day. */
export interface SloDailyRow {
  entityRef: string;
  sloName: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  attainment: number | null;
  budgetRemaining: number | null;
}

interface SnapshotRow {
  entity_ref: string;
  body: string;
  computed_at: string | number;
}

interface DailyRow {
  entity_ref: string;
  slo_name: string;
  day: string;
  attainment: number | string | null;
  budget_remaining: number | string | null;
}

const READ_CHUNK = 500;
const WRITE_CHUNK = 100;

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** The UTC day of an epoch ms, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Lower-case key of an entity ref, as the DORA store keeps refs. */
export function snapshotKey(entityRef: string): string {
  return entityRef.toLocaleLowerCase('en-US');
}

/**
 * Snapshots of SLO status per entity and daily history per SLO, in the
 * DORA plugin's database (the DORA store runs the migrations). Reads of
 * single entities made in the same tick are answered by one query, so
 * many concurrent callers (a scorecard pass) cost few round trips.
 */
export class DatabaseSloSnapshots {
  private pending?: Map<string, Array<(s?: StoredSloSnapshot) => void>>;
  private pendingFailed?: Array<(e: unknown) => void>;

  private constructor(private readonly knex: Knex) {}

  static async create(options: { database: DatabaseService }) {
    return new DatabaseSloSnapshots(await options.database.getClient());
  }

  /** The snapshot of one entity; coalesced with other reads of this tick. */
  read(entityRef: string): Promise<StoredSloSnapshot | undefined> {
    const key = snapshotKey(entityRef);
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        this.pending = new Map();
        this.pendingFailed = [];
        setImmediate(() => this.flush());
      }
      const waiting = this.pending.get(key) ?? [];
      waiting.push(resolve);
      this.pending.set(key, waiting);
      this.pendingFailed!.push(reject);
    });
  }

  private async flush() {
    const pending = this.pending!;
    const failed = this.pendingFailed!;
    this.pending = undefined;
    this.pendingFailed = undefined;
    try {
      const found = await this.readMany([...pending.keys()]);
      for (const [key, waiting] of pending) {
        waiting.forEach(resolve => resolve(found.get(key)));
      }
    } catch (e) {
      failed.forEach(reject => reject(e));
    }
  }

  /** Snapshots of many entities by lower-case ref; absent ones are missing. */
  async readMany(
    entityRefs: string[],
  ): Promise<Map<string, StoredSloSnapshot>> {
    const keys = [...new Set(entityRefs.map(snapshotKey))];
    const result = new Map<string, StoredSloSnapshot>();
    for (const part of chunk(keys, READ_CHUNK)) {
      const rows: SnapshotRow[] = await whereInList(
        this.knex,
        this.knex('dora_slo_snapshots').select(
          'entity_ref',
          'body',
          'computed_at',
        ),
        'entity_ref',
        part,
      );
      for (const row of rows) {
        result.set(row.entity_ref, {
          body: JSON.parse(row.body),
          computedAt: readMs(row.computed_at),
        });
      }
    }
    return result;
  }

  /**
   * Stores the latest answer of each entity and, for each computed SLO, the
   * figures of the UTC day of `computedAt` (the day's row is replaced by a
   * later run of the same day). SLOs in error keep the day's last figures.
   */
  async write(
    snapshots: Array<{ entityRef: string; body: DoraEntitySlos }>,
    computedAt: number,
  ): Promise<void> {
    const day = utcDay(computedAt);
    const rows = snapshots.map(s => ({
      entity_ref: snapshotKey(s.entityRef),
      body: JSON.stringify(s.body),
      computed_at: computedAt,
    }));
    const daily = snapshots.flatMap(s =>
      s.body.slos.flatMap(slo =>
        slo.status === 'error'
          ? []
          : [
              {
                entity_ref: snapshotKey(s.entityRef),
                slo_name: slo.name,
                day,
                attainment: slo.attainment,
                budget_remaining: slo.errorBudget?.remainingRatio ?? null,
                computed_at: computedAt,
              },
            ],
      ),
    );
    await this.knex.transaction(async tx => {
      for (const part of chunk(rows, WRITE_CHUNK)) {
        await tx('dora_slo_snapshots')
          .insert(part)
          .onConflict('entity_ref')
          .merge(['body', 'computed_at']);
      }
      for (const part of chunk(daily, WRITE_CHUNK)) {
        await tx('dora_slo_daily')
          .insert(part)
          .onConflict(['entity_ref', 'slo_name', 'day'])
          .merge(['attainment', 'budget_remaining', 'computed_at']);
      }
    });
  }

  /** Removes snapshots not written since `before` (entities that lost their SLOs). */
  async deleteSnapshotsBefore(before: number): Promise<number> {
    return this.knex('dora_slo_snapshots')
      .where('computed_at', '<', before)
      .delete();
  }

  /** Removes daily rows of days before `day`. */
  async deleteHistoryBefore(day: string): Promise<number> {
    return this.knex('dora_slo_daily').where('day', '<', day).delete();
  }

  /** Daily rows of one entity from `fromDay` on, oldest first. */
  async history(entityRef: string, fromDay: string): Promise<SloDailyRow[]> {
    const rows: DailyRow[] = await this.knex('dora_slo_daily')
      .select('entity_ref', 'slo_name', 'day', 'attainment', 'budget_remaining')
      .where('entity_ref', snapshotKey(entityRef))
      .where('day', '>=', fromDay)
      .orderBy([
        { column: 'slo_name', order: 'asc' },
        { column: 'day', order: 'asc' },
      ]);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      sloName: r.slo_name,
      day: r.day,
      attainment: num(r.attainment),
      budgetRemaining: num(r.budget_remaining),
    }));
  }
}
