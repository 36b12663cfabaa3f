import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CampaignDefinition } from '../parseCampaign';
import { FleetUpgrader } from './FleetUpgrader';

/**
 * The fleet upgrader, once `campaign` may start upgrades: its goal is a
 * golden-path check, it is open, upgrades are configured and none of its
 * runs is going on. Otherwise throws the error the route answers with.
 *
 * @internal
 */
export function assertFleetCanStart(
  campaign: CampaignDefinition,
  fleet: FleetUpgrader | undefined,
): FleetUpgrader {
  const id = campaign.id;
  if (
    !('check' in campaign.goal) ||
    !campaign.goal.check.startsWith('golden-path')
  ) {
    throw new InputError(
      `Campaign '${id}' is not about the golden path: fleet upgrades need a goal like { check: 'golden-path-current' }`,
    );
  }
  if (campaign.closedAt) {
    throw new ConflictError(`Campaign '${id}' is closed`);
  }
  if (!fleet) {
    throw new ServiceUnavailableError(
      'Fleet upgrades are not configured (integrations and the golden-path upgrader)',
    );
  }
  if (fleet.isRunning(id)) {
    throw new ConflictError(`Upgrades of campaign '${id}' are already running`);
  }
  return fleet;
}
