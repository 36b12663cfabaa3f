import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { readIso, writeMs } from '../database/time';

/** The adoption row counting every service has this team. */
export const ALL_SERVICES = '*';

const ADOPTION = 'scorecard_outcomes_adoption';
const PULSE = 'scorecard_outcomes_pulse';
const CHUNK = 500;

/** Stored counts of one day and team (`*` for every service). @internal */
export interface AdoptionCounts {
  team: string;
  services: number;
  goldenPath: number;
  current: number;
}

/** A stored pulse answer. @internal */
export interface PulseRow {
  userRef: string;
  templateRef: string;
  quarter: string;
  score: number;
  comment: string | null;
  answeredAt: string;
}

/** How many answers gave each score, per template and quarter. @internal */
export interface PulseScoreCount {
  templateRef: string;
  quarter: string;
  score: number;
  count: number;
}

interface AdoptionRow {
  day: string;
  team: string;
  services: number;
  golden_path: number;
  current: number;
}

interface StoredPulse {
  user_ref: string;
  template_ref: string;
  quarter: string;
  score: number;
  comment: string | null;
  answered_at: string | number;
}

const toPulse = (r: StoredPulse): PulseRow => ({
  userRef: r.user_ref,
  templateRef: r.template_ref,
  quarter: r.quarter,
  score: Number(r.score),
  comment: r.comment,
  answeredAt: readIso(r.answered_at),
});

/**
 * The daily adoption history and the pulse answers. The tables are created
 * by the plugin's migrations, which `DatabaseScorecardStore.create` runs;
 * create this store after it.
 *
 * @internal
 */
export class DatabaseOutcomesStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOutcomesStore> {
    return new DatabaseOutcomesStore(await options.database.getClient());
  }

  private constructor(private readonly knex: Knex) {}

  async hasDay(day: string): Promise<boolean> {
    const row = await this.knex(ADOPTION)
      .where({ day, team: ALL_SERVICES })
      .first();
    return !!row;
  }

  /** Replaces the day's rows: running twice on one day stores it once. */
  async saveDay(day: string, rows: AdoptionCounts[]): Promise<void> {
    const all: AdoptionRow[] = rows.map(r => ({
      day,
      team: r.team,
      services: r.services,
      golden_path: r.goldenPath,
      current: r.current,
    }));
    await this.knex.transaction(async trx => {
      await trx(ADOPTION).where({ day }).delete();
      for (let i = 0; i < all.length; i += CHUNK) {
        await trx(ADOPTION).insert(all.slice(i, i + CHUNK));
      }
    });
  }

  /** Stored days from `from` (inclusive, `YYYY-MM-DD`), oldest first. */
  async history(
    from: string,
  ): Promise<Array<{ day: string; rows: AdoptionCounts[] }>> {
    const rows = await this.knex<AdoptionRow>(ADOPTION)
      .where('day', '>=', from)
      .orderBy([
        { column: 'day', order: 'asc' },
        { column: 'team', order: 'asc' },
      ]);
    const days = new Map<string, AdoptionCounts[]>();
    for (const r of rows) {
      const list = days.get(r.day) ?? [];
      list.push({
        team: r.team,
        services: Number(r.services),
        goldenPath: Number(r.golden_path),
        current: Number(r.current),
      });
      days.set(r.day, list);
    }
    return [...days].map(([day, list]) => ({ day, rows: list }));
  }

  /**
   * Stores an answer, replacing the same user's answer for the template in
   * that quarter; `replaced` says whether there was one.
   */
  async savePulse(
    answer: Omit<PulseRow, 'answeredAt'> & { answeredAt: Date },
  ): Promise<{ answer: PulseRow; replaced: boolean }> {
    const row: StoredPulse = {
      user_ref: answer.userRef,
      template_ref: answer.templateRef,
      quarter: answer.quarter,
      score: answer.score,
      comment: answer.comment,
      answered_at: writeMs(answer.answeredAt),
    };
    const key = {
      user_ref: row.user_ref,
      template_ref: row.template_ref,
      quarter: row.quarter,
    };
    const replaced = await this.knex.transaction(async trx => {
      const before = await trx(PULSE).where(key).first();
      await trx(PULSE)
        .insert(row)
        .onConflict(['user_ref', 'template_ref', 'quarter'])
        .merge(['score', 'comment', 'answered_at']);
      return !!before;
    });
    return { answer: toPulse(row), replaced };
  }

  /** Answer counts per template, quarter and score (at most 11 rows per pair). */
  async pulseCounts(): Promise<PulseScoreCount[]> {
    const rows: Array<{
      template_ref: string;
      quarter: string;
      score: number;
      count: string | number;
    }> = await this.knex(PULSE)
      .select('template_ref', 'quarter', 'score')
      .count({ count: '*' })
      .groupBy('template_ref', 'quarter', 'score');
    return rows.map(r => ({
      templateRef: r.template_ref,
      quarter: r.quarter,
      score: Number(r.score),
      count: Number(r.count),
    }));
  }

  /** Answers with a comment, newest first. */
  async comments(options: {
    templateRef?: string;
    limit: number;
  }): Promise<PulseRow[]> {
    const query = this.knex<StoredPulse>(PULSE)
      .whereNotNull('comment')
      .orderBy([
        { column: 'answered_at', order: 'desc' },
        { column: 'user_ref', order: 'asc' },
      ])
      .limit(options.limit);
    if (options.templateRef) query.where('template_ref', options.templateRef);
    return (await query).map(toPulse);
  }
}
