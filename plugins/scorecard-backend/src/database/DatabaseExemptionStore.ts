import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CheckExemption,
  ScorecardExemption,
  ScorecardExemptionStatus,
} from '@paved-road/plugin-scorecard-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { SCORECARD_MIGRATIONS_LOCK, migrateWithLock } from './migrateWithLock';
import { readIso, writeMs } from './time';
import { ExemptionRow } from './types';

const TABLE = 'scorecard_exemptions';
const CHUNK = 500;
const LIVE: ScorecardExemptionStatus[] = ['pending', 'approved'];

/** Where a page of exemptions starts: after this request time and id. @internal */
export interface ExemptionKey {
  requestedAt: number;
  id: string;
}

/** Filters of {@link DatabaseExemptionStore.list}. @internal */
export interface ExemptionFilter {
  statuses?: ScorecardExemptionStatus[];
  entityRef?: string;
}

/** A new exemption. @internal */
export interface NewExemption {
  entityRef: string;
  checkId: string;
  justification: string;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  /** Set when the request is approved as it is made. */
  approved?: { by: string; comment: string };
}

function toExemption(row: ExemptionRow): ScorecardExemption {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    justification: row.justification,
    requestedBy: row.requested_by,
    requestedAt: readIso(row.requested_at),
    expiresAt: readIso(row.expires_at),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : readIso(row.decided_at),
    comment: row.comment,
  };
}

const liveConflict = (entityRef: string, checkId: string) =>
  new ConflictError(
    `Invalid 'checkId': '${entityRef}' already has a pending or approved exemption from '${checkId}'`,
  );

/**
 * Exemptions in the scorecard plugin's database. At most one pending or
 * approved exemption per entity and check (a unique partial index keeps it
 * so across instances); status changes are compare-and-set, so two
 * instances never both decide or expire the same exemption.
 *
 * @internal
 */
export class DatabaseExemptionStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseExemptionStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithLock(knex, {
        directory: resolvePackagePath(
          '@paved-road/plugin-scorecard-backend',
          'migrations',
        ),
        lockKey: SCORECARD_MIGRATIONS_LOCK,
      });
    }
    return new DatabaseExemptionStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Stores a request; a live one for the same entity and check is a `ConflictError`. */
  async insert(input: NewExemption): Promise<ScorecardExemption> {
    const row: ExemptionRow = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      check_id: input.checkId,
      justification: input.justification,
      requested_by: input.requestedBy,
      requested_at: writeMs(input.requestedAt),
      expires_at: writeMs(input.expiresAt),
      status: input.approved ? 'approved' : 'pending',
      decided_by: input.approved?.by ?? null,
      decided_at: input.approved ? writeMs(input.requestedAt) : null,
      comment: input.approved?.comment ?? null,
    };
    const live = await this.knex<ExemptionRow>(TABLE)
      .select('id')
      .where({ entity_ref: input.entityRef, check_id: input.checkId })
      .whereIn('status', LIVE)
      .first();
    if (live) throw liveConflict(input.entityRef, input.checkId);
    try {
      await this.knex(TABLE).insert(row);
    } catch (e) {
      // Another instance stored one in between: the unique index refused ours.
      if (/unique|duplicate/i.test(String((e as Error).message))) {
        throw liveConflict(input.entityRef, input.checkId);
      }
      throw e;
    }
    return toExemption(row);
  }

  async get(id: string): Promise<ScorecardExemption | undefined> {
    const row = await this.knex<ExemptionRow>(TABLE).where('id', id).first();
    return row ? toExemption(row) : undefined;
  }

  /**
   * Moves a pending exemption to `approved` or `denied`; undefined when it
   * was no longer pending (decided or expired meanwhile).
   */
  async decide(options: {
    id: string;
    status: 'approved' | 'denied';
    decidedBy: string;
    decidedAt: Date;
    comment: string | null;
  }): Promise<ScorecardExemption | undefined> {
    const updated = await this.knex<ExemptionRow>(TABLE)
      .where({ id: options.id, status: 'pending' })
      .andWhere('expires_at', '>', writeMs(options.decidedAt))
      .update({
        status: options.status,
        decided_by: options.decidedBy,
        decided_at: writeMs(options.decidedAt),
        comment: options.comment,
      });
    return updated === 1 ? this.get(options.id) : undefined;
  }

  /**
   * Marks pending and approved exemptions whose `expiresAt` is at or before
   * `now` as expired, and returns those this call expired (with the status
   * they had), so each expiry is reported once.
   */
  async expireDue(
    now: Date,
  ): Promise<Array<{ exemption: ScorecardExemption; was: string }>> {
    const due = await this.knex<ExemptionRow>(TABLE)
      .whereIn('status', LIVE)
      .andWhere('expires_at', '<=', writeMs(now))
      .orderBy('expires_at', 'asc')
      .limit(1000);
    const expired: Array<{ exemption: ScorecardExemption; was: string }> = [];
    for (const row of due) {
      const changed = await this.knex<ExemptionRow>(TABLE)
        .where({ id: row.id, status: row.status })
        .update({ status: 'expired', decided_at: writeMs(now) });
      if (changed === 1) {
        expired.push({
          exemption: toExemption({
            ...row,
            status: 'expired',
            decided_at: writeMs(now),
          }),
          was: row.status,
        });
      }
    }
    return expired;
  }

  /** Per entity and check: the approved exemption in force at `now`. */
  async approvedFor(
    entityRefs: string[],
    now: Date,
  ): Promise<Map<string, Map<string, CheckExemption>>> {
    const out = new Map<string, Map<string, CheckExemption>>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows = await this.knex<ExemptionRow>(TABLE)
        .select('id', 'entity_ref', 'check_id', 'justification')
        .select('expires_at', 'decided_by')
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
        .andWhere('status', 'approved')
        .andWhere('expires_at', '>', writeMs(now));
      for (const row of rows) {
        const checks = out.get(row.entity_ref) ?? new Map();
        checks.set(row.check_id, {
          id: row.id,
          justification: row.justification,
          expiresAt: readIso(row.expires_at),
          approvedBy: row.decided_by ?? '',
        });
        out.set(row.entity_ref, checks);
      }
    }
    return out;
  }

  /** Exemptions by request time (then id), strictly after `after`. */
  async list(
    filter: ExemptionFilter,
    options: { after?: ExemptionKey; limit: number },
  ): Promise<ScorecardExemption[]> {
    const query = this.knex<ExemptionRow>(TABLE)
      .orderBy([
        { column: 'requested_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit);
    if (filter.statuses?.length) query.whereIn('status', filter.statuses);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    const after = options.after;
    if (after) {
      query.where(q =>
        q
          .where('requested_at', '>', after.requestedAt)
          .orWhere(q2 =>
            q2
              .where('requested_at', '=', after.requestedAt)
              .andWhere('id', '>', after.id),
          ),
      );
    }
    return (await query).map(toExemption);
  }
}

/** The paging key of an exemption. @internal */
export function exemptionKey(exemption: ScorecardExemption): ExemptionKey {
  return { requestedAt: Date.parse(exemption.requestedAt), id: exemption.id };
}
