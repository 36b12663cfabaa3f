import { AuthenticationError } from '@backstage/errors';
import {
  DoraProviderWebhook,
  DoraProviderWebhookContext,
  DoraWebhookRequest,
  EnvironmentMatcher,
  constantTimeEquals,
  webhookHeader,
} from '@paved-road/plugin-dora-node';
import { GitlabClient } from './GitlabClient';
import { GitlabDeploymentSync } from './GitlabDeploymentSync';
import { GitlabProjectIndex } from './GitlabProjectIndex';
import { ownCommitShipped, toDeploymentEvents, toDoraStatus } from './mapping';
import {
  GitlabDeploymentHookPayload,
  parseDeploymentHook,
} from './parseDeploymentHook';
import { GitlabDeployment } from './types';

/**
 * The deployment as the hook describes it, when the API has none: its
 * commit has no date (so no change), but its message tells a revert.
 */
function fromPayload(payload: GitlabDeploymentHookPayload): GitlabDeployment {
  return {
    id: payload.deployment_id,
    status: payload.status,
    sha: payload.sha,
    finished_at: payload.status_changed_at,
    environment: { name: payload.environment },
    deployable: payload.sha
      ? { commit: { id: payload.sha, message: payload.commit_title } }
      : null,
  };
}

/**
 * Receives GitLab `Deployment Hook` deliveries: checks `X-Gitlab-Token` in
 * constant time, then ingests final outcomes (`success`, `failed`) of
 * deployments to the configured environments, built from the API exactly
 * as the scheduled sync builds them, so a delivery and a sync (or a
 * replayed delivery) update one event instead of adding another.
 */
export class GitlabDeploymentHook implements DoraProviderWebhook {
  constructor(
    private readonly options: {
      webhookTokens: string[];
      client: GitlabClient;
      sync: GitlabDeploymentSync;
      environments: EnvironmentMatcher;
      loadIndex: () => Promise<GitlabProjectIndex>;
    },
  ) {}

  async handle(
    request: DoraWebhookRequest,
    context: DoraProviderWebhookContext,
  ): Promise<void> {
    const token = webhookHeader(request, 'x-gitlab-token');
    // Every configured token is compared (constant time, no early exit).
    let valid = false;
    for (const expected of this.options.webhookTokens) {
      valid = constantTimeEquals(token ?? '', expected) || valid;
    }
    if (!token || !valid) {
      throw new AuthenticationError('Invalid X-Gitlab-Token');
    }
    const event = webhookHeader(request, 'x-gitlab-event');
    if (event !== 'Deployment Hook') {
      context.logger.debug(`Ignored GitLab '${event ?? 'unknown'}' delivery`);
      return;
    }
    const payload = parseDeploymentHook(request.rawBody);
    // GitLab keeps `Idempotency-Key` across retries of one delivery.
    const deliveryId = webhookHeader(request, 'idempotency-key');
    if (deliveryId && (await context.seenDelivery(deliveryId))) {
      context.logger.debug(`GitLab delivery ${deliveryId} replayed; skipped`);
      return;
    }
    const { project } = payload;
    if (
      !toDoraStatus(payload.status) ||
      !this.options.environments.matches(payload.environment)
    ) {
      return;
    }
    const entityRefs = (await this.options.loadIndex()).entityRefs(project);
    if (entityRefs.length === 0) {
      context.logger.warn(
        `GitLab deployment ${payload.deployment_id} of project '${project.path_with_namespace}' (${project.id}) matches no catalog entity; annotate one with gitlab.com/project-slug or gitlab.com/project-id`,
      );
      context.countUnmatched(1);
      return;
    }
    const fetched = await this.options.client.getDeployment(
      project.id,
      payload.deployment_id,
    );
    const deployment =
      fetched && toDoraStatus(fetched.status) ? fetched : fromPayload(payload);
    const shipped =
      fetched && deployment.status === 'success'
        ? await this.options.sync.shippedBy(project.id, deployment)
        : ownCommitShipped(deployment);
    const events = toDeploymentEvents({
      deployment,
      entityRefs,
      ...shipped,
      finishedAt: payload.status_changed_at,
    });
    if (events.length > 0) await context.ingest(events);
  }
}
