import {
  DatabaseService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GoldenPathUpgrader } from '@paved-road/plugin-scaffolder-backend-module-golden-path';
import { DatabaseUpgradeStore } from './DatabaseUpgradeStore';
import { FleetUpgrader, MAX_UPGRADES_PER_RUN } from './FleetUpgrader';

/** The host of the first `integrations.<type>` entry, else the public one. */
function integrationHost(config: Config, type: 'github' | 'gitlab') {
  const first = config.getOptionalConfigArray(`integrations.${type}`)?.[0];
  return first?.getOptionalString('host') ?? `${type}.com`;
}

/**
 * The fleet upgrader of campaigns, acting with the integrations' credentials
 * (`integrations.github` / `integrations.gitlab`) and the golden-path
 * archetypes (`goldenPath.archetypes`). Expects the plugin's migrations to
 * have run (the campaign store runs them).
 *
 * @internal
 */
export async function createFleetUpgrader(options: {
  config: Config;
  reader: UrlReaderService;
  database: DatabaseService;
}): Promise<FleetUpgrader> {
  const { config } = options;
  return new FleetUpgrader({
    store: new DatabaseUpgradeStore(await options.database.getClient()),
    upgrader: GoldenPathUpgrader.fromConfig(config, { reader: options.reader }),
    githubHost: integrationHost(config, 'github'),
    gitlabHost: integrationHost(config, 'gitlab'),
    maxPerRun: Math.min(
      config.getOptionalNumber('scorecard.campaignUpgrades.maxPerRun') ??
        MAX_UPGRADES_PER_RUN,
      MAX_UPGRADES_PER_RUN,
    ),
  });
}
