import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  scorecardEntityReadPermission,
  scorecardEntityRefreshPermission,
  scorecardPermissions,
} from './permissions';

describe('scorecard permissions', () => {
  it('defines scorecard.entity.read as a catalog-entity read permission', () => {
    expect(scorecardEntityReadPermission.name).toBe('scorecard.entity.read');
    expect(scorecardEntityReadPermission.attributes.action).toBe('read');
    expect(
      isResourcePermission(scorecardEntityReadPermission, 'catalog-entity'),
    ).toBe(true);
  });

  it('defines scorecard.entity.refresh as a catalog-entity update permission', () => {
    expect(scorecardEntityRefreshPermission.name).toBe(
      'scorecard.entity.refresh',
    );
    expect(scorecardEntityRefreshPermission.attributes.action).toBe('update');
    expect(
      isResourcePermission(scorecardEntityRefreshPermission, 'catalog-entity'),
    ).toBe(true);
  });

  it('lists every permission for the registry', () => {
    expect(scorecardPermissions.map(p => p.name)).toEqual([
      'scorecard.entity.read',
      'scorecard.entity.refresh',
    ]);
  });
});
