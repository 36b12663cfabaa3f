import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DORA_ANNOTATIONS } from '@paved-road/plugin-dora-common';
import { EntityAnnotationIndex } from '@paved-road/plugin-dora-node';

/** Webhook deliveries reuse the catalog index this long. */
const WEBHOOK_INDEX_TTL_MS = 60_000;

/**
 * Maps `owner/repo` (any case) to the entities annotated with it through
 * `github.com/project-slug`.
 */
export class RepositoryLookup {
  private cached?: { index: EntityAnnotationIndex; at: number };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      now?: () => number;
    },
  ) {}

  /** Reads the catalog afresh (each sync does). */
  async load(): Promise<EntityAnnotationIndex> {
    const index = await EntityAnnotationIndex.load({
      catalog: this.options.catalog,
      credentials: await this.options.auth.getOwnServiceCredentials(),
      annotation: DORA_ANNOTATIONS.githubProjectSlug,
    });
    this.cached = { index, at: this.now() };
    return index;
  }

  /** For webhooks: the index of the last minute, else a fresh one. */
  async lookup(repository: string): Promise<string[]> {
    const cached = this.cached;
    const index =
      cached && this.now() - cached.at < WEBHOOK_INDEX_TTL_MS
        ? cached.index
        : await this.load();
    return index.lookup(repository);
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }
}
