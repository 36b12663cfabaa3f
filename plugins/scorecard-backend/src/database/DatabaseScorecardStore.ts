import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CheckStatus,
  EntityScorecard,
} from '@paved-road/plugin-scorecard-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { SCORECARD_MIGRATIONS_LOCK, migrateWithLock } from './migrateWithLock';
import { readIso, readMs, writeMs } from './time';
import {
  HistoryRow,
  OverviewFilter,
  ResultInput,
  ResultRow,
  StoredHistoryPoint,
  StoredResult,
} from './types';

const migrationsDir = resolvePackagePath(
  '@paved-road/plugin-scorecard-backend',
  'migrations',
);

/** SQLite refuses more terms than this in one statement. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function statusesOf(scorecard: EntityScorecard): Record<string, CheckStatus> {
  return Object.fromEntries(scorecard.checks.map(c => [c.id, c.status]));
}

function signatureOf(scorecard: EntityScorecard): string {
  return JSON.stringify([
    scorecard.score,
    scorecard.level?.id ?? null,
    statusesOf(scorecard),
  ]);
}

/** What a stored result holds apart from its evaluation time. */
function contentHashOf(input: ResultInput): string {
  const { evaluatedAt: _evaluatedAt, ...content } = input.scorecard;
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.kind,
        input.namespace,
        input.name,
        input.owner,
        content,
      ]),
    )
    .digest('hex');
}

const isFailing = (status: CheckStatus) =>
  status === 'fail' || status === 'error';

/**
 * Scorecards and their history in the plugin's database.
 *
 * @internal
 */
export class DatabaseScorecardStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseScorecardStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithLock(knex, {
        directory: migrationsDir,
        lockKey: SCORECARD_MIGRATIONS_LOCK,
      });
    }
    return new DatabaseScorecardStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * Stores the latest scorecards. A history point is written when the
   * score, level or a status changed, or when the last point is a day old.
   * A result whose content did not change and whose history point is not
   * due only gets its evaluation time updated; the failing and exempt
   * rows are rewritten only for entities whose statuses changed.
   */
  async saveResults(inputs: ResultInput[]): Promise<void> {
    for (const batch of chunks(inputs)) {
      await this.knex.transaction(async trx => {
        const refs = batch.map(i => i.scorecard.entityRef);
        const previous = new Map(
          (
            await trx<ResultRow>('scorecard_results')
              .select('entity_ref', 'signature', 'history_at', 'content_hash')
              .whereIn('entity_ref', refs)
          ).map(r => [r.entity_ref, r]),
        );
        const rows: ResultRow[] = [];
        const history: HistoryRow[] = [];
        const unchangedAt = new Map<number, string[]>();
        const statusesChanged: ResultInput[] = [];
        for (const input of batch) {
          const { scorecard } = input;
          const at = writeMs(new Date(scorecard.evaluatedAt));
          const signature = signatureOf(scorecard);
          const contentHash = contentHashOf(input);
          const before = previous.get(scorecard.entityRef);
          const due =
            !before ||
            before.signature !== signature ||
            at - readMs(before.history_at) >= DAY_MS;
          if (!due && before!.content_hash === contentHash) {
            unchangedAt.set(at, [
              ...(unchangedAt.get(at) ?? []),
              scorecard.entityRef,
            ]);
            continue;
          }
          if (!before || before.signature !== signature) {
            statusesChanged.push(input);
          }
          if (due) {
            history.push({
              entity_ref: scorecard.entityRef,
              evaluated_at: at,
              score: scorecard.score,
              level_id: scorecard.level?.id ?? null,
              checks: JSON.stringify(statusesOf(scorecard)),
            });
          }
          rows.push({
            entity_ref: scorecard.entityRef,
            kind: input.kind,
            namespace: input.namespace,
            name: input.name,
            owner: input.owner,
            score: scorecard.score,
            level_id: scorecard.level?.id ?? null,
            evaluated_at: at,
            history_at: due ? at : before!.history_at,
            signature,
            content_hash: contentHash,
            result: JSON.stringify(scorecard),
          });
        }
        for (const [at, unchanged] of unchangedAt) {
          await trx('scorecard_results')
            .whereIn('entity_ref', unchanged)
            .update({ evaluated_at: at });
        }
        if (rows.length > 0) {
          await trx('scorecard_results')
            .insert(rows)
            .onConflict('entity_ref')
            .merge();
        }
        await this.replaceCheckRows(trx, statusesChanged);
        if (history.length > 0) await trx('scorecard_history').insert(history);
      });
    }
  }

  /** Rewrites the failing and exempt check rows of `inputs`' entities. */
  private async replaceCheckRows(trx: Knex, inputs: ResultInput[]) {
    if (inputs.length === 0) return;
    const refs = inputs.map(i => i.scorecard.entityRef);
    const rowsWith = (keep: (status: CheckStatus) => boolean) =>
      inputs.flatMap(i =>
        i.scorecard.checks
          .filter(c => keep(c.status))
          .map(c => ({ entity_ref: i.scorecard.entityRef, check_id: c.id })),
      );
    await trx('scorecard_failing').whereIn('entity_ref', refs).delete();
    for (const part of chunks(rowsWith(isFailing)))
      await trx('scorecard_failing').insert(part);
    await trx('scorecard_exempt').whereIn('entity_ref', refs).delete();
    for (const part of chunks(rowsWith(status => status === 'exempt')))
      await trx('scorecard_exempt').insert(part);
  }

  async getResult(entityRef: string): Promise<EntityScorecard | undefined> {
    const row = await this.knex<ResultRow>('scorecard_results')
      .select('result', 'evaluated_at')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    // A pass over unchanged content updates only the column.
    const scorecard = JSON.parse(row.result) as EntityScorecard;
    return { ...scorecard, evaluatedAt: readIso(row.evaluated_at) };
  }

  /** History points in [from, to), oldest first. */
  async getHistory(
    entityRef: string,
    from: Date,
    to: Date,
  ): Promise<StoredHistoryPoint[]> {
    const rows = await this.knex<HistoryRow>('scorecard_history')
      .where('entity_ref', entityRef)
      .andWhere('evaluated_at', '>=', writeMs(from))
      .andWhere('evaluated_at', '<', writeMs(to))
      .orderBy('evaluated_at', 'asc')
      .limit(1000);
    return rows.map(r => ({
      evaluatedAt: readIso(r.evaluated_at),
      score: r.score,
      level: r.level_id,
      checks: JSON.parse(r.checks),
    }));
  }

  /** A page of stored results ordered by entity ref, after `after`. */
  async listResults(
    filter: OverviewFilter,
    options: { after?: string; limit: number },
  ): Promise<StoredResult[]> {
    const query = this.filtered(filter)
      .select(
        'entity_ref',
        'kind',
        'namespace',
        'name',
        'owner',
        'score',
        'level_id',
        'evaluated_at',
      )
      .orderBy('entity_ref', 'asc')
      .limit(options.limit);
    if (options.after) query.where('entity_ref', '>', options.after);
    const rows = await query;
    const refs = rows.map(r => r.entity_ref);
    const failing = await this.checkIdsOf('scorecard_failing', refs);
    const exempt = await this.checkIdsOf('scorecard_exempt', refs);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      owner: r.owner,
      score: r.score,
      levelId: r.level_id,
      evaluatedAt: readIso(r.evaluated_at),
      failingChecks: (failing.get(r.entity_ref) ?? []).sort(),
      exemptChecks: (exempt.get(r.entity_ref) ?? []).sort(),
    }));
  }

  /** Check ids per entity ref in `scorecard_failing` or `scorecard_exempt`. */
  private async checkIdsOf(
    table: 'scorecard_failing' | 'scorecard_exempt',
    refs: string[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunks(refs)) {
      const found: Array<{ entity_ref: string; check_id: string }> =
        await this.knex(table)
          .select('entity_ref', 'check_id')
          .whereIn('entity_ref', part);
      for (const f of found)
        out.set(f.entity_ref, [...(out.get(f.entity_ref) ?? []), f.check_id]);
    }
    return out;
  }

  /** Every matching result's owner, level and score, for roll-ups. */
  async listRollupRows(filter: OverviewFilter): Promise<
    Array<{
      entityRef: string;
      owner: string | null;
      levelId: string | null;
      score: number;
    }>
  > {
    const rows: ResultRow[] = await this.filtered(filter).select(
      'entity_ref',
      'owner',
      'level_id',
      'score',
    );
    return rows.map(r => ({
      entityRef: r.entity_ref,
      owner: r.owner,
      levelId: r.level_id,
      score: r.score,
    }));
  }

  /** Deletes results and history of entities not in `keep`; returns how many. */
  async deleteMissing(keep: Set<string>): Promise<number> {
    const stored: Array<{ entity_ref: string }> = await this.knex(
      'scorecard_results',
    ).select('entity_ref');
    const gone = stored.map(r => r.entity_ref).filter(ref => !keep.has(ref));
    await this.deleteEntities(gone);
    return gone.length;
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (const part of chunks(entityRefs)) {
      await this.knex.transaction(async trx => {
        for (const table of [
          'scorecard_results',
          'scorecard_failing',
          'scorecard_exempt',
          'scorecard_history',
        ]) {
          await trx(table).whereIn('entity_ref', part).delete();
        }
      });
    }
  }

  /** Deletes history points older than `before`; returns how many. */
  async pruneHistory(before: Date): Promise<number> {
    return this.knex('scorecard_history')
      .where('evaluated_at', '<', writeMs(before))
      .delete();
  }

  private filtered(filter: OverviewFilter) {
    const query = this.knex<ResultRow>('scorecard_results');
    if (filter.owners && filter.owners.length > 0)
      query.whereIn('owner', filter.owners);
    if (filter.kinds && filter.kinds.length > 0)
      query.whereIn('kind', filter.kinds);
    if (filter.level === 'none') query.whereNull('level_id');
    else if (filter.level) query.where('level_id', filter.level);
    if (filter.failing) {
      query.whereIn(
        'entity_ref',
        this.knex('scorecard_failing')
          .select('entity_ref')
          .where('check_id', filter.failing),
      );
    }
    if (filter.exempt) {
      const exempt = this.knex('scorecard_exempt').select('entity_ref');
      if (filter.exempt !== '*') exempt.where('check_id', filter.exempt);
      query.whereIn('entity_ref', exempt);
    }
    return query;
  }
}
