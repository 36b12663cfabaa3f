import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  doraEventCreatePermission,
  doraEventDeletePermission,
  doraPermissions,
  doraProviderReadPermission,
} from './permissions';

describe('dora permissions', () => {
  it('defines dora.event.create as a catalog-entity resource permission', () => {
    expect(doraEventCreatePermission.name).toBe('dora.event.create');
    expect(doraEventCreatePermission.attributes.action).toBe('create');
    expect(
      isResourcePermission(
        doraEventCreatePermission,
        RESOURCE_TYPE_CATALOG_ENTITY,
      ),
    ).toBe(true);
  });

  it('defines dora.event.delete as a catalog-entity resource permission', () => {
    expect(doraEventDeletePermission.name).toBe('dora.event.delete');
    expect(doraEventDeletePermission.attributes.action).toBe('delete');
    expect(
      isResourcePermission(
        doraEventDeletePermission,
        RESOURCE_TYPE_CATALOG_ENTITY,
      ),
    ).toBe(true);
  });

  it('defines dora.provider.read as a basic read permission', () => {
    expect(doraProviderReadPermission.name).toBe('dora.provider.read');
    expect(doraProviderReadPermission.attributes.action).toBe('read');
    expect(isResourcePermission(doraProviderReadPermission)).toBe(false);
  });

  it('lists every permission once for the registry', () => {
    expect(doraPermissions).toEqual([
      doraEventCreatePermission,
      doraEventDeletePermission,
      doraProviderReadPermission,
    ]);
  });
});
