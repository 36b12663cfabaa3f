import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The entities owned by a group or any of its descendant groups, read from
 * the catalog with the caller's credentials. Refs are lower case.
 *
 * @internal
 */
export async function ownerEntityRefs(options: {
  catalog: CatalogService;
  owner: string;
  credentials: BackstageCredentials;
}): Promise<string[]> {
  const { catalog, credentials } = options;
  const root = await catalog.getEntityByRef(options.owner, { credentials });
  if (!root) {
    throw new NotFoundError(`No owner '${options.owner}' in the catalog`);
  }
  const owners = new Set([stringifyEntityRef(root).toLocaleLowerCase('en-US')]);
  let level = [root];
  while (level.length > 0) {
    const childRefs = level
      .flatMap(e => e.relations ?? [])
      .filter(r => r.type === RELATION_PARENT_OF)
      .map(r => r.targetRef.toLocaleLowerCase('en-US'))
      .filter(ref => !owners.has(ref));
    childRefs.forEach(ref => owners.add(ref));
    if (childRefs.length === 0) break;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: childRefs },
      { credentials },
    );
    level = items.filter((e): e is NonNullable<typeof e> => Boolean(e));
  }
  const { items } = await catalog.getEntities(
    {
      filter: { [`relations.${RELATION_OWNED_BY}`]: [...owners] },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  return [
    ...new Set(
      items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
    ),
  ].sort();
}
