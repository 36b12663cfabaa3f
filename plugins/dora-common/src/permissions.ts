import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows pushing deployment, change and incident events to `POST /api/dora/events`.
 *
 * @public
 */
export const doraEventCreatePermission = createPermission({
  name: 'dora.event.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the DORA plugin, for registration with the permissions registry.
 *
 * @public
 */
export const doraPermissions = [doraEventCreatePermission];
