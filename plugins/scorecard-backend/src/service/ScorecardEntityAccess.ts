import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scorecardEntityReadPermission } from '@paved-road/plugin-scorecard-common';

/** How many refs go to the catalog and the permission service per call. */
const BATCH = 1000;

/** Options of {@link ScorecardEntityAccess.create}. @internal */
export interface ScorecardEntityAccessOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
}

/**
 * The one place that decides which scorecards a caller may read: the entity
 * must be visible to the caller in the catalog (a catalog read with the
 * caller's credentials) and `scorecard.entity.read` must be allowed for it.
 * An entity failing either check is answered exactly like an unknown one.
 *
 * @internal
 */
export class ScorecardEntityAccess {
  static create(options: ScorecardEntityAccessOptions): ScorecardEntityAccess {
    return new ScorecardEntityAccess(options);
  }

  private constructor(private readonly options: ScorecardEntityAccessOptions) {}

  /**
   * The entity, if the caller may read its scorecard; otherwise the same
   * `NotFoundError` an unknown entity gets.
   */
  async readableEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    const allowed =
      entity &&
      (await this.allowed([stringifyEntityRef(entity)], credentials)).size ===
        1;
    if (!entity || !allowed) {
      // The requested ref, not the entity's, so the message is the same
      // whether the entity is unknown, hidden or denied.
      throw new NotFoundError(
        `No entity '${stringifyEntityRef(ref)}' in the catalog`,
      );
    }
    return entity;
  }

  /** The refs among `refs` whose scorecards the caller may read. */
  async readableRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const readable = new Set<string>();
    for (let i = 0; i < refs.length; i += BATCH) {
      const part = refs.slice(i, i + BATCH);
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: part,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      const visible = part.filter((_, j) => items[j]);
      for (const ref of await this.allowed(visible, credentials)) {
        readable.add(ref);
      }
    }
    return readable;
  }

  /** The refs among `refs` for which `scorecard.entity.read` is allowed. */
  private async allowed(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const decisions = await this.options.permissions.authorize(
      refs.map(resourceRef => ({
        permission: scorecardEntityReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return new Set(
      refs.filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW),
    );
  }
}
