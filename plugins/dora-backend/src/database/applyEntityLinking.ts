import { Knex } from 'knex';
import { chunk } from './chunk';
import { SinceMap, relinkIncidents } from './derived';
import { EntityLinking, LinkingPolicies, LinkingPolicy } from './linking';
import { refreshAllRollbacks } from './rollbacks';
import { lockForIngest, markStale } from './rollups';
import { retryOnConflict } from './retryOnConflict';

const ENTITIES_PER_TRANSACTION = 100;

const keyOf = (e: {
  rules: string | null;
  lookbackSet: boolean;
  lookbackMs: number | null;
}) => JSON.stringify([e.rules, e.lookbackSet, e.lookbackMs]);

/**
 * Stores the entities' own linking (replacing what was stored; entities
 * absent from `entities` lose theirs) and, for each entity whose rules or
 * lookback changed, recomputes its rollback flags and incident links and
 * marks its rollups stale. Returns the entities that changed.
 *
 * @internal
 */
export async function applyEntityLinking(
  knex: Knex,
  base: LinkingPolicy,
  entities: EntityLinking[],
): Promise<string[]> {
  const stored = new Map<string, string>();
  for (const r of await knex('dora_entity_linking').select()) {
    stored.set(
      r.entity_ref,
      keyOf({
        rules: r.rules ?? null,
        lookbackSet: Number(r.lookback_set) === 1,
        lookbackMs: r.lookback_ms === null ? null : Number(r.lookback_ms),
      }),
    );
  }
  const wanted = new Map(
    entities.map(e => [
      e.entityRef,
      { ...e, rulesJson: e.rules ? JSON.stringify(e.rules) : null },
    ]),
  );
  const changed = [...new Set([...stored.keys(), ...wanted.keys()])]
    .filter(ref => {
      const w = wanted.get(ref);
      return stored.get(ref) !== (w && keyOf({ ...w, rules: w.rulesJson }));
    })
    .sort();
  for (const part of chunk(changed, ENTITIES_PER_TRANSACTION)) {
    await retryOnConflict(() =>
      knex.transaction(async trx => {
        await lockForIngest(trx, part);
        await trx('dora_entity_linking').whereIn('entity_ref', part).delete();
        const rows = part.flatMap(ref => {
          const w = wanted.get(ref);
          return w
            ? [
                {
                  entity_ref: ref,
                  rules: w.rulesJson,
                  lookback_set: w.lookbackSet ? 1 : 0,
                  lookback_ms: w.lookbackMs,
                  annotation: w.annotation,
                },
              ]
            : [];
        });
        if (rows.length > 0) await trx('dora_entity_linking').insert(rows);
        const policies = await LinkingPolicies.load(trx, base, part);
        await refreshAllRollbacks(trx, policies, part);
        const since: SinceMap = new Map(part.map(ref => [ref, 0]));
        await relinkIncidents(
          trx,
          {
            entityRefs: part,
            since: 0,
            replacedDeploymentPks: [],
            deploymentExternalIds: [],
          },
          policies,
          since,
        );
        await markStale(trx, since);
      }),
    );
  }
  return changed;
}
