import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows re-evaluating one entity's scorecard on demand.
 *
 * @public
 */
export const scorecardEntityRefreshPermission = createPermission({
  name: 'scorecard.entity.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the scorecard plugin, for registration with the permissions registry.
 *
 * @public
 */
export const scorecardPermissions = [scorecardEntityRefreshPermission];
