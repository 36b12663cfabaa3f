import { Entity } from '@backstage/catalog-model';
import {
  ScorecardFactBatch,
  ScorecardFactProvider,
  ScorecardFactRequest,
  ScorecardFactValues,
} from '@paved-road/plugin-scorecard-node';

type Getter = (entity: Entity) => unknown;

/**
 * Splits `metadata.annotations[backstage.io/techdocs-ref].x` into
 * `['metadata', 'annotations', 'backstage.io/techdocs-ref', 'x']`.
 */
function splitPath(path: string): string[] {
  return [...path.matchAll(/([^.[\]]+)|\[([^\]]+)\]/g)].map(m => m[1] ?? m[2]);
}

function fieldGetter(path: string): Getter {
  const parts = splitPath(path);
  return entity => {
    let current: unknown = entity;
    for (const part of parts) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  };
}

/**
 * Compiles a catalog fact name:
 * - `field:<path>` any entity field, e.g. `field:spec.lifecycle`,
 *   `field:metadata.annotations[backstage.io/techdocs-ref]`;
 * - `annotation:<key>` and `label:<key>`;
 * - `relation:<type>` the target refs of relations of that type (absent if none);
 * - `relationCount:<type>` their number.
 *
 * @internal
 */
export function compileCatalogFact(name: string): Getter {
  const separator = name.indexOf(':');
  const scheme = separator === -1 ? 'field' : name.slice(0, separator);
  const arg = separator === -1 ? name : name.slice(separator + 1);
  switch (scheme) {
    case 'field':
      return fieldGetter(arg);
    case 'annotation':
      return e => e.metadata.annotations?.[arg];
    case 'label':
      return e => e.metadata.labels?.[arg];
    case 'relation': {
      const type = arg.toLocaleLowerCase('en-US');
      return e => {
        const targets = (e.relations ?? [])
          .filter(r => r.type.toLocaleLowerCase('en-US') === type)
          .map(r => r.targetRef);
        return targets.length > 0 ? targets : undefined;
      };
    }
    case 'relationCount': {
      const type = arg.toLocaleLowerCase('en-US');
      return e =>
        (e.relations ?? []).filter(
          r => r.type.toLocaleLowerCase('en-US') === type,
        ).length;
    }
    default:
      throw new Error(
        `Unknown catalog fact '${name}': expected field:, annotation:, label:, relation: or relationCount:`,
      );
  }
}

/**
 * Built-in provider `catalog`: facts read from the entity itself.
 *
 * @internal
 */
export class CatalogFactProvider implements ScorecardFactProvider {
  readonly id = 'catalog';
  private readonly getters = new Map<string, Getter>();

  async loadFacts(request: ScorecardFactRequest): Promise<ScorecardFactBatch> {
    const getters = request.facts.map(
      name => [name, this.getter(name)] as const,
    );
    const batch: ScorecardFactBatch = new Map();
    request.entities.forEach((entity, i) => {
      const values: ScorecardFactValues = {};
      for (const [name, get] of getters) values[name] = get(entity);
      batch.set(request.entityRefs[i], values);
    });
    return batch;
  }

  private getter(name: string): Getter {
    let getter = this.getters.get(name);
    if (!getter) {
      getter = compileCatalogFact(name);
      this.getters.set(name, getter);
    }
    return getter;
  }
}
