import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';
import { EvaluatedEntity, ScorecardEngine } from '../engine/ScorecardEngine';
import { toResultInput } from './toResultInput';

/** Figures of one full pass. @internal */
export interface FullPassSummary {
  evaluated: number;
  removed: number;
  pruned: number;
  /** Exemptions that expired at this pass. */
  expired: number;
}

/**
 * Evaluates every catalog entity that a check applies to, stores the
 * results, drops results of entities that are gone (or no longer match)
 * and prunes old history. Idempotent: running it twice stores the same.
 *
 * @internal
 */
export class FullPass {
  constructor(
    private readonly deps: {
      engine: ScorecardEngine;
      store: DatabaseScorecardStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Kinds to read from the catalog; undefined reads every kind. */
      kinds?: string[];
      retentionDays: number;
      pageSize?: number;
      /** Expires exemptions whose time is up, before entities are evaluated. */
      exemptions?: { expireDue(): Promise<number> };
      /** Stores evaluated entities; default `store.saveResults`. */
      save?: (evaluated: EvaluatedEntity[]) => Promise<void>;
    },
  ) {}

  async run(now = new Date()): Promise<FullPassSummary> {
    const { engine, store, catalog, auth } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const expired = (await this.deps.exemptions?.expireDue()) ?? 0;
    const keep = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: this.deps.pageSize ?? 1000 }
          : {
              filter: this.deps.kinds ? { kind: this.deps.kinds } : undefined,
              limit: this.deps.pageSize ?? 1000,
            },
        { credentials },
      );
      const evaluated = await engine.evaluate(page.items, credentials);
      if (this.deps.save) await this.deps.save(evaluated);
      else await store.saveResults(evaluated.map(toResultInput));
      for (const e of evaluated) keep.add(stringifyEntityRef(e.entity));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const removed = await store.deleteMissing(keep);
    const pruned = await store.pruneHistory(
      new Date(now.getTime() - this.deps.retentionDays * 86_400_000),
    );
    const summary = { evaluated: keep.size, removed, pruned, expired };
    this.deps.logger.info(
      `Scorecard pass: ${summary.evaluated} entities evaluated, ${summary.removed} removed, ${summary.pruned} history points pruned, ${summary.expired} exemptions expired`,
    );
    return summary;
  }
}
