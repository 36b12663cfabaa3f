import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows pushing events for one entity to `POST /api/dora/events`. A
 * resource permission of type `catalog-entity`, checked for every distinct
 * `entityRef` of a batch, so a policy can answer with catalog conditions
 * (for example `isEntityOwner`: a team's CI may push only for the entities
 * the team owns). One denied entity refuses the whole batch (403).
 *
 * @public
 */
export const doraEventCreatePermission = createPermission({
  name: 'dora.event.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows deleting the events of one entity with `DELETE /api/dora/events`
 * (a wrong push, the demo data). A resource permission of type
 * `catalog-entity`, checked for every entity whose events a call would
 * delete; one denied entity refuses the whole call (403) and nothing is
 * deleted.
 *
 * @public
 */
export const doraEventDeletePermission = createPermission({
  name: 'dora.event.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows reading `GET /api/dora/providers`: each provider's runs, saved
 * cursors and last errors.
 *
 * @public
 */
export const doraProviderReadPermission = createPermission({
  name: 'dora.provider.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the DORA plugin, for registration with the permissions registry.
 *
 * @public
 */
export const doraPermissions = [
  doraEventCreatePermission,
  doraEventDeletePermission,
  doraProviderReadPermission,
];
