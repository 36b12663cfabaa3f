import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DORA_OUTCOME_ANNOTATIONS } from '@paved-road/plugin-dora-common';
import { parseIso } from '../database/time';
import { ownerEntityRefs } from '../service/ownerEntities';

/** The most services one `GET /outcomes` measures. @internal */
export const MAX_OUTCOME_SERVICES = 5000;

/** A service as the outcomes see it. @internal */
export interface OutcomeService {
  /** Lower case. */
  entityRef: string;
  /** Its direct owner, lower case, or `unowned`. */
  team: string;
  /**
   * From `paved-road.dev/golden-path` when it reads `<archetype>@<semver>`,
   * or null: off the road.
   */
  archetype: string | null;
  /** From `paved-road.dev/scaffolded-at`, epoch ms, or null. */
  scaffoldedAt: number | null;
}

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'relations',
];

// Semantic versioning 2.0.0, with the `v` or `=` prefix semver accepts, as
// the scorecard's golden-path facts read it.
const SEMVER =
  /^[=v]?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The services (components of type `service`, as the scorecard's outcomes
 * count them) the caller can see, those of `owner` and its descendant groups
 * when given, read from the catalog with the caller's credentials.
 *
 * @internal
 */
export async function readOutcomeServices(options: {
  catalog: CatalogService;
  owner?: string;
  credentials: BackstageCredentials;
}): Promise<OutcomeService[]> {
  const { catalog, credentials } = options;
  let entities: Entity[];
  if (options.owner) {
    const refs = (
      await ownerEntityRefs({ catalog, owner: options.owner, credentials })
    ).filter(ref => ref.startsWith('component:'));
    tooMany(refs.length, options.owner);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: FIELDS },
      { credentials },
    );
    entities = items.filter(
      (e): e is Entity => Boolean(e) && e!.spec?.type === 'service',
    );
  } else {
    ({ items: entities } = await catalog.getEntities(
      { filter: { kind: 'component', 'spec.type': 'service' }, fields: FIELDS },
      { credentials },
    ));
    tooMany(entities.length);
  }
  const services = new Map<string, OutcomeService>();
  for (const entity of entities) {
    const service = toService(entity);
    services.set(service.entityRef, service);
  }
  return [...services.values()].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
}

function tooMany(count: number, owner?: string) {
  if (count <= MAX_OUTCOME_SERVICES) return;
  throw new InputError(
    owner
      ? `Invalid 'owner': '${owner}' owns ${count} components; outcomes are measured over at most ${MAX_OUTCOME_SERVICES}, ask for a child group`
      : `Invalid 'owner': the catalog has ${count} components; outcomes are measured over at most ${MAX_OUTCOME_SERVICES}, ask for an owner`,
  );
}

function toService(entity: Entity): OutcomeService {
  const annotations = entity.metadata.annotations ?? {};
  const scaffoldedAt = annotations[DORA_OUTCOME_ANNOTATIONS.scaffoldedAt];
  return {
    entityRef: lower(stringifyEntityRef(entity)),
    team: teamOf(entity),
    archetype: archetypeOf(annotations[DORA_OUTCOME_ANNOTATIONS.goldenPath]),
    scaffoldedAt:
      typeof scaffoldedAt === 'string'
        ? parseIso(scaffoldedAt.trim()) ?? null
        : null,
  };
}

function archetypeOf(goldenPath: string | undefined): string | null {
  const value = goldenPath?.trim() ?? '';
  const at = value.lastIndexOf('@');
  return at > 0 && SEMVER.test(value.slice(at + 1)) ? value.slice(0, at) : null;
}

function teamOf(entity: Entity): string {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return lower(relation.targetRef);
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return 'unowned';
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return 'unowned';
  }
}
