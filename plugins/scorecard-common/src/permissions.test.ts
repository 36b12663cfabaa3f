import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  scorecardEntityReadPermission,
  scorecardEntityRefreshPermission,
  scorecardExemptionApprovePermission,
  scorecardExemptionRequestPermission,
  scorecardOutcomesCommentsReadPermission,
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

  it('defines scorecard.exemption.request as a catalog-entity create permission', () => {
    expect(scorecardExemptionRequestPermission.name).toBe(
      'scorecard.exemption.request',
    );
    expect(scorecardExemptionRequestPermission.attributes.action).toBe(
      'create',
    );
    expect(
      isResourcePermission(
        scorecardExemptionRequestPermission,
        'catalog-entity',
      ),
    ).toBe(true);
  });

  it('defines scorecard.exemption.approve as a basic update permission', () => {
    expect(scorecardExemptionApprovePermission).toEqual({
      type: 'basic',
      name: 'scorecard.exemption.approve',
      attributes: { action: 'update' },
    });
  });

  it('defines scorecard.outcomes.comments.read as a basic read permission', () => {
    expect(scorecardOutcomesCommentsReadPermission).toEqual({
      type: 'basic',
      name: 'scorecard.outcomes.comments.read',
      attributes: { action: 'read' },
    });
  });

  it('lists every permission for the registry', () => {
    expect(scorecardPermissions.map(p => p.name)).toEqual([
      'scorecard.entity.read',
      'scorecard.entity.refresh',
      'scorecard.exemption.request',
      'scorecard.exemption.approve',
      'scorecard.campaign.manage',
      'scorecard.outcomes.read',
      'scorecard.outcomes.pulse.create',
      'scorecard.outcomes.comments.read',
    ]);
  });
});
