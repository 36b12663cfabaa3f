import { createDoraProviderModule } from '@paved-road/plugin-dora-node';
import { readGithubProviderConfig } from './config';
import { GithubDoraProvider } from './GithubDoraProvider';

/**
 * Adds the `github` DORA provider (deployments or workflow runs, and
 * webhooks) when `dora.providers.github` is configured.
 *
 * @public
 */
export const doraModuleGithub = createDoraProviderModule({
  moduleId: 'github',
  createProvider({ config, logger, auth, catalog }) {
    const github = readGithubProviderConfig(config, { logger });
    if (!github?.enabled) {
      logger.info(
        "DORA GitHub provider is off; configure 'dora.providers.github' to turn it on",
      );
      return undefined;
    }
    const provider = GithubDoraProvider.create({
      config: github,
      rootConfig: config,
      catalog,
      auth,
    });
    logger.info(
      `DORA GitHub provider on for ${github.host} in mode '${
        github.mode
      }'; webhooks ${
        github.webhookSecrets.length > 0 ? 'on' : 'off (no webhookSecret)'
      }`,
    );
    return provider;
  },
});
