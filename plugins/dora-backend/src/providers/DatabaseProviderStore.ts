import { DatabaseService } from '@backstage/backend-plugin-api';
import { DoraProviderStatus } from '@paved-road/plugin-dora-node';
import { Knex } from 'knex';
import { readMs, readMsOrNull, toIso } from '../database/time';
import { DatabaseWebhookDeliveries } from './DatabaseWebhookDeliveries';

interface StatusRow {
  provider: string;
  last_started_at: string | number | null;
  last_finished_at: string | number | null;
  last_error: string | null;
  last_accepted: number;
  last_updated: number;
  last_unmatched: number;
  runs: number;
  failed_runs: number;
  webhook_unmatched: number;
  webhook_last_unmatched_at: string | number | null;
}

/** Cursors and run status of providers, in the DORA plugin's database. */
export class DatabaseProviderStore {
  /** Delivery ids of webhooks already handled, for replay protection. */
  readonly deliveries: DatabaseWebhookDeliveries;

  private constructor(private readonly knex: Knex) {
    this.deliveries = new DatabaseWebhookDeliveries(knex);
  }

  /** Expects the DORA store to have run the plugin's migrations. */
  static async create(options: { database: DatabaseService }) {
    return new DatabaseProviderStore(await options.database.getClient());
  }

  async getCursor(
    provider: string,
    scope: string,
  ): Promise<string | undefined> {
    const row = await this.knex('dora_provider_cursors')
      .where({ provider, scope })
      .first('cursor');
    return row?.cursor;
  }

  async setCursor(
    provider: string,
    scope: string,
    cursor: string,
    now = Date.now(),
  ) {
    await this.knex('dora_provider_cursors')
      .insert({ provider, scope, cursor, updated_at: now })
      .onConflict(['provider', 'scope'])
      .merge(['cursor', 'updated_at']);
  }

  async runStarted(provider: string, now = Date.now()) {
    await this.knex('dora_provider_status')
      .insert({ provider, last_started_at: now, runs: 1 })
      .onConflict('provider')
      .merge({
        last_started_at: now,
        runs: this.knex.raw('dora_provider_status.runs + 1'),
      });
  }

  async runFinished(
    provider: string,
    result: {
      accepted: number;
      updated: number;
      unmatched: number;
      error?: string;
    },
    now = Date.now(),
  ) {
    await this.knex('dora_provider_status')
      .where({ provider })
      .update({
        last_finished_at: now,
        last_error: result.error ?? null,
        last_accepted: result.accepted,
        last_updated: result.updated,
        last_unmatched: result.unmatched,
        failed_runs: result.error
          ? this.knex.raw('failed_runs + 1')
          : this.knex.raw('failed_runs'),
      });
  }

  /** Adds webhook objects that matched no entity; safe across instances. */
  async countWebhookUnmatched(
    provider: string,
    count: number,
    now = Date.now(),
  ) {
    await this.knex('dora_provider_status')
      .insert({
        provider,
        webhook_unmatched: count,
        webhook_last_unmatched_at: now,
      })
      .onConflict('provider')
      .merge({
        webhook_unmatched: this.knex.raw(
          'dora_provider_status.webhook_unmatched + ?',
          [count],
        ),
        webhook_last_unmatched_at: now,
      });
  }

  /** The status; `withWebhook` adds the webhook's unmatched count. */
  async getStatus(
    provider: string,
    options: { withWebhook?: boolean } = {},
  ): Promise<DoraProviderStatus> {
    const row: StatusRow | undefined = await this.knex('dora_provider_status')
      .where({ provider })
      .first();
    const cursors = await this.knex('dora_provider_cursors')
      .where({ provider })
      .orderBy('scope')
      .select('scope', 'cursor', 'updated_at');
    return {
      id: provider,
      lastStartedAt: row ? iso(row.last_started_at) : null,
      lastFinishedAt: row ? iso(row.last_finished_at) : null,
      lastError: row?.last_error ?? null,
      lastRun: {
        accepted: Number(row?.last_accepted ?? 0),
        updated: Number(row?.last_updated ?? 0),
        unmatched: Number(row?.last_unmatched ?? 0),
      },
      runs: Number(row?.runs ?? 0),
      failedRuns: Number(row?.failed_runs ?? 0),
      ...(options.withWebhook && {
        webhook: {
          unmatched: Number(row?.webhook_unmatched ?? 0),
          lastUnmatchedAt: row ? iso(row.webhook_last_unmatched_at) : null,
        },
      }),
      cursors: cursors.map(c => ({
        scope: c.scope,
        cursor: c.cursor,
        updatedAt: toIso(readMs(c.updated_at)),
      })),
    };
  }
}

function iso(value: string | number | null): string | null {
  const ms = readMsOrNull(value);
  return ms === null ? null : toIso(ms);
}
