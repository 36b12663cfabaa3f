import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeOwner } from '../service/entityRefs';

/**
 * Parents of groups, to count a group's child groups into it (as the DORA
 * team page does). Refs are lower case.
 *
 * @internal
 */
export class GroupTree {
  /** Every group the caller can see, with its parents from `childOf` relations (or `spec.parent`). */
  static async load(
    catalog: CatalogService,
    credentials: BackstageCredentials,
  ): Promise<GroupTree> {
    const items = [];
    let cursor: string | undefined;
    // Pages of groups; bounded so a loop in the catalog cannot spin forever.
    for (let page = 0; page < 1000; page++) {
      const res = await catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : {
              filter: { kind: 'group' },
              fields: [
                'kind',
                'metadata.namespace',
                'metadata.name',
                'spec.parent',
                'relations',
              ],
              limit: 500,
            },
        { credentials },
      );
      items.push(...res.items);
      cursor = res.pageInfo.nextCursor;
      if (!cursor) break;
    }
    const parents = new Map<string, string[]>();
    for (const group of items) {
      const ref = stringifyEntityRef(group).toLowerCase();
      const fromRelations = (group.relations ?? [])
        .filter(r => r.type === RELATION_CHILD_OF)
        .map(r => r.targetRef.toLowerCase());
      const parent = group.spec?.parent;
      let fromSpec: string[] = [];
      if (fromRelations.length === 0 && typeof parent === 'string') {
        try {
          fromSpec = [
            normalizeOwner(parent, group.metadata.namespace ?? 'default'),
          ];
        } catch {
          fromSpec = [];
        }
      }
      parents.set(ref, [...new Set([...fromRelations, ...fromSpec])]);
    }
    return new GroupTree(parents);
  }

  constructor(private readonly parents: Map<string, string[]>) {}

  /** The group and every ancestor, each once (cycles are cut). */
  selfAndAncestors(group: string): string[] {
    const out = [group.toLowerCase()];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const parent of this.parents.get(out[i]) ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          out.push(parent);
        }
      }
    }
    return out;
  }
}
