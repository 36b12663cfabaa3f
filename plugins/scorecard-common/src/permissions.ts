import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows reading an entity's scorecard: the entity and history routes and
 * the entity's rows in the overview and roll-up. A resource permission of
 * type `catalog-entity`, so a policy can answer with catalog conditions
 * (for example `isEntityOwner`). It is checked on top of catalog
 * visibility: an entity the caller cannot see, or may not read the
 * scorecard of, is answered like an unknown entity (404).
 *
 * @public
 */
export const scorecardEntityReadPermission = createPermission({
  name: 'scorecard.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows re-evaluating one entity's scorecard on demand. A resource
 * permission of type `catalog-entity`, so a policy can limit it with catalog
 * conditions (for example to the entities a team owns).
 *
 * @public
 */
export const scorecardEntityRefreshPermission = createPermission({
  name: 'scorecard.entity.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the scorecard plugin, for registration with the permissions registry.
 *
 * @public
 */
export const scorecardPermissions = [
  scorecardEntityReadPermission,
  scorecardEntityRefreshPermission,
];
