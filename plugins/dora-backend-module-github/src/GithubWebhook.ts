import { InputError } from '@backstage/errors';
import {
  DoraProviderWebhook,
  DoraProviderWebhookContext,
  DoraWebhookRequest,
  webhookHeader,
} from '@paved-road/plugin-dora-node';
import { GithubClient } from './GithubClient';
import { GithubProviderConfig } from './config';
import { resolveChanges } from './changes';
import {
  GithubOutcome,
  finalDeploymentStatus,
  toDeploymentEvents,
} from './mapping';
import { RepositoryLookup } from './RepositoryLookup';
import {
  Candidate,
  CandidateSource,
  deploymentCandidate,
  workflowRunCandidate,
} from './sources';
import { verifyGithubSignature } from './verifyGithubSignature';
import { WebhookPayload } from './webhookPayload';

/** A delivery that concerns a deployment, after validation. */
interface Delivery {
  repository: string;
  candidate: Candidate;
  outcome: GithubOutcome;
}

/**
 * Receives GitHub's `deployment_status` (deployments mode) and
 * `workflow_run` (workflowRuns mode) webhooks at
 * `POST /api/dora/webhooks/github`.
 */
export class GithubWebhook implements DoraProviderWebhook {
  constructor(
    private readonly options: {
      secrets: string[];
      config: GithubProviderConfig;
      client: GithubClient;
      source: CandidateSource;
      isProduction: (environment: string) => boolean;
      repositories: RepositoryLookup;
    },
  ) {}

  async handle(
    request: DoraWebhookRequest,
    context: DoraProviderWebhookContext,
  ) {
    verifyGithubSignature({
      secret: this.options.secrets,
      header: request.headers['x-hub-signature-256'],
      rawBody: request.rawBody,
    });
    const event = webhookHeader(request, 'x-github-event');
    if (!event) throw new InputError("Missing 'X-GitHub-Event' header");
    const deliveryId = webhookHeader(request, 'x-github-delivery');
    if (event === 'ping') return;
    if (deliveryId && (await context.seenDelivery(deliveryId))) {
      context.logger.debug(`GitHub delivery ${deliveryId} replayed; skipped`);
      return;
    }
    const delivery = this.read(event, request.rawBody);
    if (delivery) await this.store(delivery, context);
  }

  /** The delivery's deployment, or undefined when it is none of ours. */
  private read(event: string, rawBody: Buffer): Delivery | undefined {
    const { mode } = this.options.config;
    if (event === 'deployment_status' && mode === 'deployments') {
      return this.readDeploymentStatus(WebhookPayload.parse(rawBody, event));
    }
    if (event === 'workflow_run' && mode === 'workflowRuns') {
      return this.readWorkflowRun(WebhookPayload.parse(rawBody, event));
    }
    return undefined;
  }

  private readDeploymentStatus(payload: WebhookPayload): Delivery | undefined {
    const state = payload.string('deployment_status.state');
    const finishedAt = payload.date('deployment_status.created_at');
    const candidate = deploymentCandidate(
      {
        id: payload.id('deployment.id'),
        sha: payload.string('deployment.sha'),
        environment: payload.string('deployment.environment'),
        created_at: payload.date('deployment.created_at'),
      },
      this.options.isProduction,
    );
    const repository = payload.repository();
    const status = finalDeploymentStatus(state);
    if (!candidate.relevant || !status) return undefined;
    return {
      repository,
      candidate,
      outcome: { state: 'final', status, finishedAt },
    };
  }

  private readWorkflowRun(payload: WebhookPayload): Delivery | undefined {
    if (payload.string('action') !== 'completed') return undefined;
    const { workflow, branch, workflowEnvironment } = this.options.config;
    const run = {
      id: payload.id('workflow_run.id'),
      head_sha: payload.string('workflow_run.head_sha'),
      head_branch: payload.optionalString('workflow_run.head_branch'),
      path: payload.optionalString('workflow_run.path'),
      workflow_id: payload.id('workflow_run.workflow_id'),
      status: payload.string('workflow_run.status'),
      conclusion: payload.optionalString('workflow_run.conclusion') ?? null,
      created_at: payload.date('workflow_run.created_at'),
      updated_at: payload.date('workflow_run.updated_at'),
      run_started_at: payload.optionalString('workflow_run.run_started_at'),
    };
    const repository = payload.repository();
    const sameWorkflow =
      String(run.workflow_id) === workflow ||
      run.path === workflow ||
      (run.path ?? '').endsWith(`/${workflow}`);
    if (!sameWorkflow || (branch && run.head_branch !== branch)) {
      return undefined;
    }
    const candidate = workflowRunCandidate(run, workflowEnvironment);
    return candidate.outcome?.state === 'final'
      ? { repository, candidate, outcome: candidate.outcome }
      : undefined;
  }

  private async store(delivery: Delivery, context: DoraProviderWebhookContext) {
    const { repository, candidate, outcome } = delivery;
    if (outcome.state !== 'final') return;
    const entityRefs = await this.options.repositories.lookup(repository);
    if (entityRefs.length === 0) {
      context.logger.info(
        `GitHub delivery for '${repository}', which no entity annotates with github.com/project-slug; counted as unmatched`,
      );
      context.countUnmatched(1);
      return;
    }
    const base = await this.options.source.previousSuccessSha(
      repository,
      candidate,
    );
    const { changes, rework } = await resolveChanges({
      client: this.options.client,
      repo: repository,
      base,
      head: candidate.sha,
      perPage: this.options.config.pageSize,
    });
    await context.ingest(
      toDeploymentEvents(
        {
          id: candidate.eventId,
          environment: candidate.environment,
          status: outcome.status,
          startedAt: candidate.startedAt,
          finishedAt: outcome.finishedAt,
          commitSha: candidate.sha,
          changes,
          rework,
        },
        entityRefs,
      ),
    );
  }
}
