import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CheckEntityFilter } from '@paved-road/plugin-scorecard-common';

/** Decides whether a check applies to an entity. @internal */
export type EntityPredicate = (entity: Entity) => boolean;

function normalizeRef(ref: string, namespace: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

const lower = (value: unknown) =>
  typeof value === 'string' ? value.toLowerCase() : undefined;

// toLowerCase, not toLocaleLowerCase: this runs for every entity and check,
// and kinds, types, tags and refs are ASCII.

/**
 * Compiles an entity filter once; every given list must contain the
 * entity's value, case-insensitive. Owners compare as full entity refs, so
 * `payments` and `group:default/payments` are the same owner.
 *
 * @internal
 */
export function compileFilter(filter?: CheckEntityFilter): EntityPredicate {
  if (!filter) return () => true;
  const set = (values?: string[]) =>
    values && values.length > 0
      ? new Set(values.map(v => v.toLowerCase()))
      : undefined;
  const kinds = set(filter.kind);
  const types = set(filter.type);
  const lifecycles = set(filter.lifecycle);
  const tags = set(filter.tag);
  const owners =
    filter.owner && filter.owner.length > 0
      ? new Set(
          filter.owner.map(o => normalizeRef(o, 'default')).filter(Boolean),
        )
      : undefined;

  return entity => {
    if (kinds && !kinds.has(lower(entity.kind) ?? '')) return false;
    if (types && !types.has(lower(entity.spec?.type) ?? '')) return false;
    if (lifecycles && !lifecycles.has(lower(entity.spec?.lifecycle) ?? '')) {
      return false;
    }
    if (
      tags &&
      !(entity.metadata.tags ?? []).some(t => tags.has(t.toLowerCase()))
    ) {
      return false;
    }
    if (owners) {
      const owner = entity.spec?.owner;
      const ref =
        typeof owner === 'string'
          ? normalizeRef(owner, entity.metadata.namespace ?? 'default')
          : undefined;
      if (!ref || !owners.has(ref)) return false;
    }
    return true;
  };
}
