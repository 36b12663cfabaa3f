import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  scorecardEntityRefreshPermission,
  scorecardPermissions,
} from './permissions';

describe('scorecard permissions', () => {
  it('defines scorecard.entity.refresh as a basic update permission', () => {
    expect(scorecardEntityRefreshPermission.name).toBe(
      'scorecard.entity.refresh',
    );
    expect(scorecardEntityRefreshPermission.attributes.action).toBe('update');
    expect(isResourcePermission(scorecardEntityRefreshPermission)).toBe(false);
    expect(scorecardPermissions).toEqual([scorecardEntityRefreshPermission]);
  });
});
