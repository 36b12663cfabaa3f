import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  SCORECARD_MIGRATIONS_LOCK,
  migrateWithLock,
} from '../database/migrateWithLock';
import { readMs } from '../database/time';

const migrationsDir = resolvePackagePath(
  '@paved-road/plugin-scorecard-backend',
  'migrations',
);

const SENT = 'scorecard_notifications_sent';
const VERSIONS = 'scorecard_golden_path_versions';
/** SQLite refuses more terms than this in one statement. */
const CHUNK = 500;

/** What a notification is about. @internal */
export type NotificationKind =
  | 'level-drop'
  | 'golden-path-release'
  | 'campaign-reminder';

/** The level an entity's stored scorecard holds. @internal */
export interface StoredLevel {
  levelId: string | null;
  /** Epoch ms of the stored evaluation. */
  evaluatedAt: number;
}

function isUniqueViolation(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? '');
  // PostgreSQL unique_violation; better-sqlite3's constraint codes.
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * The notifications the scorecard sent, and the golden-path versions it
 * last saw, in the plugin's database.
 *
 * @internal
 */
export class DatabaseNotificationStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseNotificationStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithLock(knex, {
        directory: migrationsDir,
        lockKey: SCORECARD_MIGRATIONS_LOCK,
      });
    }
    return new DatabaseNotificationStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * Records `key` as sent. True for the one caller (in any instance) that
   * records it first; false when it was recorded before.
   */
  async claim(
    key: string,
    kind: NotificationKind,
    now: Date,
  ): Promise<boolean> {
    try {
      await this.knex(SENT).insert({ key, kind, sent_at: now.getTime() });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** Forgets a claim whose notification could not be sent. */
  async release(key: string): Promise<void> {
    await this.knex(SENT).where('key', key).delete();
  }

  /** Deletes the records of notifications sent before `before`. */
  async purge(before: Date): Promise<number> {
    return this.knex(SENT).where('sent_at', '<', before.getTime()).delete();
  }

  /** The stored level and evaluation time of each of `entityRefs` that has a result. */
  async storedLevels(entityRefs: string[]): Promise<Map<string, StoredLevel>> {
    const out = new Map<string, StoredLevel>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows: Array<{
        entity_ref: string;
        level_id: string | null;
        evaluated_at: string | number;
      }> = await this.knex('scorecard_results')
        .select('entity_ref', 'level_id', 'evaluated_at')
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK));
      for (const r of rows) {
        out.set(r.entity_ref, {
          levelId: r.level_id,
          evaluatedAt: readMs(r.evaluated_at),
        });
      }
    }
    return out;
  }

  /** The golden-path version last seen per archetype id. */
  async recordedVersions(): Promise<Map<string, string>> {
    const rows: Array<{ archetype: string; version: string }> = await this.knex(
      VERSIONS,
    ).select('archetype', 'version');
    return new Map(rows.map(r => [r.archetype, r.version]));
  }

  async recordVersion(
    archetype: string,
    version: string,
    now: Date,
  ): Promise<void> {
    await this.knex(VERSIONS)
      .insert({ archetype, version, recorded_at: now.getTime() })
      .onConflict('archetype')
      .merge();
  }
}
