import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Maps values of one annotation (e.g. `pagerduty.com/service-id`) to the
 * catalog entities that carry them, so a provider can turn a vendor object
 * into entity refs. Values are compared as given after `normalize` (default:
 * trimmed, lower-case). One value may belong to several entities.
 *
 * @public
 */
export class EntityAnnotationIndex {
  private constructor(
    private readonly byValue: Map<string, string[]>,
    private readonly normalize: (value: string) => string,
  ) {}

  /**
   * Reads every entity with the annotation from the catalog, with the given
   * (usually the plugin's own service) credentials.
   */
  static async load(options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    annotation: string;
    /** How values are compared; default trimmed and lower-case. */
    normalize?: (value: string) => string;
    /** Splits one annotation value into several, e.g. a comma list. */
    split?: (value: string) => string[];
  }): Promise<EntityAnnotationIndex> {
    const { items } = await options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${options.annotation}`]: CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: options.credentials },
    );
    return EntityAnnotationIndex.fromEntities(items, options);
  }

  /** Builds the index from entities already at hand. */
  static fromEntities(
    entities: Entity[],
    options: {
      annotation: string;
      normalize?: (value: string) => string;
      split?: (value: string) => string[];
    },
  ): EntityAnnotationIndex {
    const normalize =
      options.normalize ?? ((value: string) => value.trim().toLowerCase());
    const split = options.split ?? ((value: string) => [value]);
    const byValue = new Map<string, string[]>();
    for (const entity of entities) {
      const raw = entity.metadata.annotations?.[options.annotation];
      if (!raw) continue;
      const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      for (const value of split(raw)) {
        const key = normalize(value);
        if (!key) continue;
        const refs = byValue.get(key) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        byValue.set(key, refs);
      }
    }
    return new EntityAnnotationIndex(byValue, normalize);
  }

  /** Entity refs (lower-case) carrying this value; empty when none. */
  lookup(value: string): string[] {
    return this.byValue.get(this.normalize(value)) ?? [];
  }

  /** Every distinct annotation value, normalized: the scopes to sync. */
  values(): string[] {
    return [...this.byValue.keys()].sort();
  }

  /** Number of distinct values. */
  get size(): number {
    return this.byValue.size;
  }
}
