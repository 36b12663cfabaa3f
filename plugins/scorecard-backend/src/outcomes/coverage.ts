import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraService } from '@paved-road/plugin-dora-node';
import {
  OutcomesExemptions,
  OutcomesSloCoverage,
} from '@paved-road/plugin-scorecard-common';
import {
  DatabaseExemptionStore,
  exemptionKey,
} from '../database/DatabaseExemptionStore';
import { sloFacts } from '../facts/SloFactProvider';
import { ownerOf } from '../service/entityRefs';
import { ServiceFacts } from './adoption';

/** Refs per call to the DORA service. */
const SLO_CHUNK = 200;
const EXEMPTION_PAGE = 500;

/**
 * SLO coverage of the production services (`spec.lifecycle: production`),
 * read from the DORA service in chunks with the caller's credentials.
 *
 * @internal
 */
export async function sloCoverage(options: {
  dora: DoraService;
  services: ServiceFacts[];
  credentials: BackstageCredentials;
}): Promise<OutcomesSloCoverage> {
  const refs = options.services
    .filter(s => s.lifecycle === 'production')
    .map(s => s.entityRef);
  let withSlo = 0;
  let withBudgetLeft = 0;
  for (let i = 0; i < refs.length; i += SLO_CHUNK) {
    const { items } = await options.dora.getSlosByEntity({
      entityRefs: refs.slice(i, i + SLO_CHUNK),
      credentials: options.credentials,
    });
    for (const slos of items) {
      const facts = sloFacts(slos);
      if (!facts.defined) continue;
      withSlo++;
      const budget = facts.budgetRemaining;
      if (typeof budget === 'number' && budget > 0) withBudgetLeft++;
    }
  }
  const share = (n: number) => (refs.length === 0 ? null : n / refs.length);
  return {
    productionServices: refs.length,
    withSlo,
    withBudgetLeft,
    shareWithSlo: share(withSlo),
    shareWithBudgetLeft: share(withBudgetLeft),
  };
}

function counted<K>(map: Map<K, number>) {
  return [...map].sort(([a], [b]) => String(a).localeCompare(String(b)));
}

/**
 * Open exemptions (approved, not expired at `now`) of the entities the
 * caller can see, by check and by team: the entity's owner and each group
 * above it (`teamsOf`), as adoption counts them, `null` for entities
 * without an owner; at most `max` exemptions are read.
 *
 * @internal
 */
export async function openExemptions(options: {
  store: DatabaseExemptionStore;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  now: Date;
  max: number;
  teamsOf: (owner: string) => string[];
}): Promise<OutcomesExemptions> {
  const { store, now } = options;
  const open = [];
  let after;
  while (open.length < options.max) {
    const page = await store.list(
      { statuses: ['approved'] },
      { after, limit: EXEMPTION_PAGE },
    );
    open.push(...page.filter(e => Date.parse(e.expiresAt) > now.getTime()));
    if (page.length < EXEMPTION_PAGE) break;
    after = exemptionKey(page[page.length - 1]);
  }
  const kept = open.slice(0, options.max);
  const refs = [...new Set(kept.map(e => e.entityRef))];
  const { items } = await options.catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata', 'spec.owner'] },
    { credentials: options.credentials },
  );
  const owners = new Map<string, string | null>();
  refs.forEach((ref, i) => {
    const entity = items[i];
    if (entity) owners.set(ref, ownerOf(entity));
  });
  const byCheck = new Map<string, number>();
  const byTeam = new Map<string | null, number>();
  let total = 0;
  for (const e of kept) {
    if (!owners.has(e.entityRef)) continue;
    total++;
    const owner = owners.get(e.entityRef) ?? null;
    byCheck.set(e.checkId, (byCheck.get(e.checkId) ?? 0) + 1);
    for (const team of owner ? options.teamsOf(owner) : [null]) {
      byTeam.set(team, (byTeam.get(team) ?? 0) + 1);
    }
  }
  return {
    open: total,
    byCheck: counted(byCheck).map(([checkId, n]) => ({ checkId, open: n })),
    byTeam: counted(byTeam).map(([team, n]) => ({ team, open: n })),
  };
}
