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
 * Allows requesting an exemption from one check for one entity. A resource
 * permission of type `catalog-entity`, so a policy can limit it with catalog
 * conditions (for example `isEntityOwner`, so that only an entity's owners
 * request exemptions for it). It is checked on top of reading the entity's
 * scorecard: an entity the caller may not read is answered like an unknown
 * one (404).
 *
 * @public
 */
export const scorecardExemptionRequestPermission = createPermission({
  name: 'scorecard.exemption.request',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows approving or denying requested exemptions. A basic permission:
 * whoever holds it decides requests of every entity they can read.
 *
 * @public
 */
export const scorecardExemptionApprovePermission = createPermission({
  name: 'scorecard.exemption.approve',
  attributes: { action: 'update' },
});

/**
 * Allows creating and closing campaigns through the API (and, later,
 * starting fleet upgrades from a campaign). A basic permission.
 *
 * @public
 */
export const scorecardCampaignManagePermission = createPermission({
  name: 'scorecard.campaign.manage',
  attributes: { action: 'update' },
});

/**
 * Allows reading the platform outcomes (`GET /api/scorecard/outcomes` and
 * the `get-platform-outcomes` action). A basic permission; the figures
 * count only the entities the caller can see in the catalog.
 *
 * @public
 */
export const scorecardOutcomesReadPermission = createPermission({
  name: 'scorecard.outcomes.read',
  attributes: { action: 'read' },
});

/**
 * Allows answering developer satisfaction pulses
 * (`POST /api/scorecard/outcomes/pulse`). A basic permission.
 *
 * @public
 */
export const scorecardOutcomesPulseCreatePermission = createPermission({
  name: 'scorecard.outcomes.pulse.create',
  attributes: { action: 'create' },
});

/**
 * Allows reading the comments of developer satisfaction pulses
 * (`GET /api/scorecard/outcomes/pulse/comments`). A basic permission, meant
 * for the platform team only: comments name their authors.
 *
 * @public
 */
export const scorecardOutcomesCommentsReadPermission = createPermission({
  name: 'scorecard.outcomes.comments.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the scorecard plugin, for registration with the permissions registry.
 *
 * @public
 */
export const scorecardPermissions = [
  scorecardEntityReadPermission,
  scorecardEntityRefreshPermission,
  scorecardExemptionRequestPermission,
  scorecardExemptionApprovePermission,
  scorecardCampaignManagePermission,
  scorecardOutcomesReadPermission,
  scorecardOutcomesPulseCreatePermission,
  scorecardOutcomesCommentsReadPermission,
];
