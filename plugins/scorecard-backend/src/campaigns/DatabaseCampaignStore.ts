import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CampaignHistoryPoint,
  CampaignInput,
  EntityScorecard,
} from '@paved-road/plugin-scorecard-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readIso, writeMs } from '../database/time';
import { CampaignDefinition } from './parseCampaign';
import { CampaignCandidate } from './progress';

/** The progress row of a whole campaign has this team. */
export const ALL_TEAMS = '*';
/** The progress row of entities without an owner has this team. */
export const NO_TEAM = '';

interface CampaignRow {
  id: string;
  title: string;
  description: string;
  goal: string;
  filter: string;
  deadline: string | number;
  owner: string;
  created_by: string;
  created_at: string | number;
  closed_at: string | number | null;
}

interface ProgressRow {
  campaign_id: string;
  day: string;
  team: string;
  done: number;
  total: number;
}

const CHUNK = 500;

function toDefinition(row: CampaignRow): CampaignDefinition {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    goal: JSON.parse(row.goal),
    filter: JSON.parse(row.filter),
    deadline: readIso(row.deadline).slice(0, 10),
    owner: row.owner,
    source: 'api',
    closedAt: row.closed_at === null ? null : readIso(row.closed_at),
  };
}

/**
 * Campaigns created through the API and the daily progress of every
 * campaign. The tables are created by the plugin's migrations, which
 * `DatabaseScorecardStore.create` runs; create this store after it.
 *
 * @internal
 */
export class DatabaseCampaignStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCampaignStore> {
    return new DatabaseCampaignStore(await options.database.getClient());
  }

  private constructor(private readonly knex: Knex) {}

  async list(): Promise<CampaignDefinition[]> {
    const rows = await this.knex<CampaignRow>('scorecard_campaigns')
      .select()
      .orderBy('created_at', 'asc');
    return rows.map(toDefinition);
  }

  async get(id: string): Promise<CampaignDefinition | undefined> {
    const row = await this.knex<CampaignRow>('scorecard_campaigns')
      .where('id', id)
      .first();
    return row ? toDefinition(row) : undefined;
  }

  async countOpen(): Promise<number> {
    const [{ count }] = await this.knex('scorecard_campaigns')
      .whereNull('closed_at')
      .count({ count: '*' });
    return Number(count);
  }

  async create(
    input: CampaignInput & { description: string },
    createdBy: string,
    now: Date,
  ): Promise<CampaignDefinition> {
    const row: CampaignRow = {
      id: randomUUID(),
      title: input.title,
      description: input.description,
      goal: JSON.stringify(input.goal),
      filter: JSON.stringify(input.filter),
      deadline: writeMs(new Date(`${input.deadline}T00:00:00Z`)),
      owner: input.owner,
      created_by: createdBy,
      created_at: writeMs(now),
      closed_at: null,
    };
    await this.knex('scorecard_campaigns').insert(row);
    return toDefinition(row);
  }

  /** Closes an open campaign; false when there is no open one with that id. */
  async close(id: string, now: Date): Promise<boolean> {
    const changed = await this.knex('scorecard_campaigns')
      .where('id', id)
      .whereNull('closed_at')
      .update({ closed_at: writeMs(now) });
    return changed > 0;
  }

  /** Every stored latest scorecard with its owner. */
  async listCandidates(): Promise<CampaignCandidate[]> {
    const out: CampaignCandidate[] = [];
    let after = '';
    for (;;) {
      const rows: Array<{
        entity_ref: string;
        owner: string | null;
        result: string;
      }> = await this.knex('scorecard_results')
        .select('entity_ref', 'owner', 'result')
        .where('entity_ref', '>', after)
        .orderBy('entity_ref', 'asc')
        .limit(CHUNK);
      for (const r of rows) {
        out.push({
          entityRef: r.entity_ref,
          owner: r.owner,
          scorecard: JSON.parse(r.result) as EntityScorecard,
        });
      }
      if (rows.length < CHUNK) return out;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  /**
   * Replaces the progress of one campaign on one UTC day: running twice a
   * day leaves one set of rows, the latest.
   */
  async saveDay(
    campaignId: string,
    day: string,
    rows: Array<{ team: string; done: number; total: number }>,
  ): Promise<void> {
    await this.knex.transaction(async trx => {
      await trx('scorecard_campaign_progress')
        .where({ campaign_id: campaignId, day })
        .delete();
      const all: ProgressRow[] = rows.map(r => ({
        campaign_id: campaignId,
        day,
        ...r,
      }));
      for (let i = 0; i < all.length; i += CHUNK) {
        await trx('scorecard_campaign_progress').insert(
          all.slice(i, i + CHUNK),
        );
      }
    });
  }

  async hasDay(campaignId: string, day: string): Promise<boolean> {
    const row = await this.knex('scorecard_campaign_progress')
      .where({ campaign_id: campaignId, day, team: ALL_TEAMS })
      .first();
    return Boolean(row);
  }

  /** The whole campaign's progress per day from `fromDay`, oldest first. */
  async history(
    campaignId: string,
    fromDay: string,
  ): Promise<CampaignHistoryPoint[]> {
    const rows: ProgressRow[] = await this.knex('scorecard_campaign_progress')
      .where({ campaign_id: campaignId, team: ALL_TEAMS })
      .andWhere('day', '>=', fromDay)
      .orderBy('day', 'asc')
      .limit(1000);
    return rows.map(r => ({
      day: r.day,
      done: Number(r.done),
      total: Number(r.total),
    }));
  }

  /** Rows of one day, every team, for tests and diagnostics. */
  async day(campaignId: string, day: string): Promise<ProgressRow[]> {
    return this.knex('scorecard_campaign_progress')
      .where({ campaign_id: campaignId, day })
      .orderBy('team', 'asc');
  }
}
