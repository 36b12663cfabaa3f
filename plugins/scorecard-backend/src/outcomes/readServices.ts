import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GoldenPathFactProvider } from '../facts/GoldenPathFactProvider';
import { parseVersion } from '../facts/semver';
import { ownerOf } from '../service/entityRefs';
import { ServiceFacts } from './adoption';

const PAGE = 500;

function systemOf(entity: Entity): string | null {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || system === '') return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

/** Written by `golden-path:create` (the golden-path scaffolder module). */
const SCAFFOLDED_AT_ANNOTATION = 'paved-road.dev/scaffolded-at';

function scaffoldedAtOf(entity: Entity): { scaffoldedAt?: number } {
  const value = entity.metadata.annotations?.[SCAFFOLDED_AT_ANNOTATION];
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? { scaffoldedAt: at } : {};
}

/**
 * Reads the Components of type `service` the caller can see (at most
 * `limit`) with their golden-path facts, exactly as the `golden-path` fact
 * provider computes them (`archetype`, `version`, `latestVersion`,
 * `current`).
 *
 * @internal
 */
export async function readServices(options: {
  catalog: CatalogService;
  goldenPath: GoldenPathFactProvider;
  credentials: BackstageCredentials;
  limit: number;
}): Promise<{ services: ServiceFacts[]; truncated: boolean }> {
  const { catalog, credentials, limit } = options;
  const entities: Entity[] = [];
  let cursor: string | undefined;
  let truncated = false;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE }
        : {
            filter: { kind: 'component', 'spec.type': 'service' },
            fields: [
              'kind',
              'metadata.namespace',
              'metadata.name',
              'metadata.annotations',
              'spec.type',
              'spec.owner',
              'spec.system',
              'spec.lifecycle',
            ],
            limit: PAGE,
          },
      { credentials },
    );
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
    if (entities.length >= limit) {
      truncated = entities.length > limit || !!cursor;
      break;
    }
  } while (cursor);
  const kept = entities.slice(0, limit);
  const entityRefs = kept.map(e => stringifyEntityRef(e));
  const facts = await options.goldenPath.loadFacts({
    entities: kept,
    entityRefs,
    facts: ['archetype', 'version', 'latestVersion', 'current'],
    credentials,
  });
  const services = kept.map((entity, i) => {
    const f = facts.get(entityRefs[i]);
    const values = f instanceof Error || !f ? {} : f;
    // Golden path only with `<archetype>@<semver>`: a bare archetype or a
    // version that is not semver does not count.
    const version = values.version;
    const archetype =
      typeof version === 'string' && parseVersion(version)
        ? (values.archetype as string | undefined)
        : undefined;
    return {
      entityRef: entityRefs[i].toLocaleLowerCase('en-US'),
      owner: ownerOf(entity),
      system: systemOf(entity),
      lifecycle:
        typeof entity.spec?.lifecycle === 'string'
          ? entity.spec.lifecycle
          : null,
      archetype,
      currentVersion: values.latestVersion as string | undefined,
      current: archetype !== undefined && values.current === true,
      ...scaffoldedAtOf(entity),
    };
  });
  return { services, truncated };
}
