import { isResourcePermission } from '@backstage/plugin-permission-common';
import { doraEventCreatePermission, doraPermissions } from './permissions';

describe('dora permissions', () => {
  it('defines dora.event.create as a basic create permission', () => {
    expect(doraEventCreatePermission.name).toBe('dora.event.create');
    expect(doraEventCreatePermission.attributes.action).toBe('create');
    expect(isResourcePermission(doraEventCreatePermission)).toBe(false);
    expect(doraPermissions).toContain(doraEventCreatePermission);
  });
});
