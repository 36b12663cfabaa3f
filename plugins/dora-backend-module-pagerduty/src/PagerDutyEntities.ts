import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityAnnotationIndex } from '@paved-road/plugin-dora-node';

/**
 * The annotation naming an entity's PagerDuty service.
 *
 * @public
 */
export const PAGERDUTY_SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';

/** PagerDuty object ids are upper-case; a lower-case annotation still matches. */
export function normalizeServiceId(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * Which entities carry which PagerDuty service, read from the catalog with
 * the plugin's own credentials. Syncs read it fresh; webhooks reuse a copy
 * for up to `maxAgeMs`, so a burst of deliveries costs one catalog query.
 */
export class PagerDutyEntities {
  private cached?: { index: EntityAnnotationIndex; at: number };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      now: () => number;
      maxAgeMs?: number;
    },
  ) {}

  async load(): Promise<EntityAnnotationIndex> {
    const index = await EntityAnnotationIndex.load({
      catalog: this.options.catalog,
      credentials: await this.options.auth.getOwnServiceCredentials(),
      annotation: PAGERDUTY_SERVICE_ID_ANNOTATION,
      normalize: normalizeServiceId,
    });
    this.cached = { index, at: this.options.now() };
    return index;
  }

  async recent(): Promise<EntityAnnotationIndex> {
    const maxAgeMs = this.options.maxAgeMs ?? 60_000;
    if (this.cached && this.options.now() - this.cached.at < maxAgeMs) {
      return this.cached.index;
    }
    return this.load();
  }
}
