import { createDoraProviderModule } from '@paved-road/plugin-dora-node';
import { readGitlabProviderConfig } from './config';
import { GitlabDoraProvider } from './GitlabDoraProvider';

/**
 * Adds the `gitlab` DORA provider: deployments and merge requests polled
 * from GitLab (gitlab.com or self-hosted through `integrations.gitlab`),
 * and Deployment Hooks at `POST /api/dora/webhooks/gitlab`.
 *
 * @public
 */
export const doraModuleGitlab = createDoraProviderModule({
  moduleId: 'gitlab',
  createProvider({ config, logger, auth, catalog }) {
    const gitlab = readGitlabProviderConfig(config, { logger });
    if (!gitlab.enabled) {
      logger.info(
        "The GitLab DORA provider is off: configure 'dora.providers.gitlab' to turn it on",
      );
      return undefined;
    }
    if (!gitlab.token) {
      logger.warn(
        `No token in 'integrations.gitlab' for host '${gitlab.host}': the GitLab DORA provider only sees public projects`,
      );
    }
    if (gitlab.webhookTokens.length === 0) {
      logger.info(
        "No 'dora.providers.gitlab.webhookToken': GitLab Deployment Hooks are not received, deployments are polled only",
      );
    }
    return GitlabDoraProvider.create({ config: gitlab, catalog, auth });
  },
});
