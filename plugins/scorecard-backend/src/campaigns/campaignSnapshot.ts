import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScorecardEntityAccess } from '../service/ScorecardEntityAccess';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { GroupTree } from './groupTree';
import { CampaignCandidate } from './progress';

const BATCH = 500;

const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
];

/** What campaign progress is computed from. @internal */
export interface CampaignSnapshot {
  candidates: CampaignCandidate[];
  /** Catalog entities by lower-case ref, with the fields filters read. */
  entities: Map<string, Entity>;
  groups: GroupTree;
}

/**
 * Scorecards, their catalog entities and the group tree, as `credentials`
 * may read them (`asService`: every entity, for the plugin's own runs).
 *
 * @internal
 */
export async function loadCampaignSnapshot(
  deps: {
    store: DatabaseCampaignStore;
    catalog: CatalogService;
    auth: AuthService;
    access: ScorecardEntityAccess;
  },
  credentials: BackstageCredentials,
  asService: boolean,
): Promise<CampaignSnapshot> {
  const { catalog, access, auth } = deps;
  let candidates = await deps.store.listCandidates();
  if (!asService) {
    const readable = await access.readableRefs(
      candidates.map(c => c.entityRef),
      credentials,
    );
    candidates = candidates.filter(c => readable.has(c.entityRef));
  }
  // Entity fields for the filters are read with the plugin's credentials:
  // visibility is already decided above.
  const service = await auth.getOwnServiceCredentials();
  const entities = new Map<string, Entity>();
  for (let i = 0; i < candidates.length; i += BATCH) {
    const refs = candidates.slice(i, i + BATCH).map(c => c.entityRef);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ENTITY_FIELDS },
      { credentials: service },
    );
    items.forEach((e, j) => {
      if (e) entities.set(refs[j].toLowerCase(), e);
    });
  }
  const groups = await GroupTree.load(
    catalog,
    asService ? service : credentials,
  );
  return { candidates, entities, groups };
}
