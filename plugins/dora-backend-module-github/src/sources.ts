import { GithubClient } from './GithubClient';
import { GithubProviderConfig } from './config';
import {
  GithubOutcome,
  deploymentOutcome,
  workflowRunOutcome,
} from './mapping';
import { GithubDeployment, GithubWorkflowRun } from './types';

/** How many earlier deployments a webhook looks at to find its base. */
const MAX_BASE_CANDIDATES = 10;

/** A GitHub deployment or workflow run, as the sync and webhooks see it. */
export interface Candidate {
  /** GitHub's numeric id; grows with creation, so it orders and resumes. */
  id: number;
  /** The event id, e.g. `deployment/1234` or `workflow-run/5678`. */
  eventId: string;
  environment: string;
  sha: string;
  createdAt: string;
  startedAt?: string;
  /** False for deployments to environments that are not production. */
  relevant: boolean;
  /** Known from the listing for workflow runs. */
  outcome?: GithubOutcome;
}

/** The mode-specific part of syncing: deployments or workflow runs. */
export interface CandidateSource {
  /** One page of candidates, newest first. */
  list(
    repo: string,
    page: number,
    signal?: AbortSignal,
  ): Promise<{ candidates: Candidate[]; hasNext: boolean }>;
  outcome(
    repo: string,
    candidate: Candidate,
    signal?: AbortSignal,
  ): Promise<GithubOutcome>;
  /** The SHA of the latest successful deployment before this one. */
  previousSuccessSha(
    repo: string,
    candidate: Candidate,
    signal?: AbortSignal,
  ): Promise<string | undefined>;
}

/** Candidate of a GitHub deployment. */
export function deploymentCandidate(
  deployment: GithubDeployment,
  isProduction: (environment: string) => boolean,
): Candidate {
  return {
    id: deployment.id,
    eventId: `deployment/${deployment.id}`,
    environment: deployment.environment,
    sha: deployment.sha,
    createdAt: deployment.created_at,
    startedAt: deployment.created_at,
    relevant: isProduction(deployment.environment),
  };
}

/** Candidate of a workflow run, recorded in the configured environment. */
export function workflowRunCandidate(
  run: GithubWorkflowRun,
  environment: string,
): Candidate {
  return {
    id: run.id,
    eventId: `workflow-run/${run.id}`,
    environment,
    sha: run.head_sha,
    createdAt: run.created_at,
    startedAt: run.run_started_at ?? run.created_at,
    relevant: true,
    outcome: workflowRunOutcome(run),
  };
}

/** Deployments and their statuses. */
export class DeploymentsSource implements CandidateSource {
  readonly isProduction: (environment: string) => boolean;

  constructor(
    private readonly client: GithubClient,
    private readonly config: Pick<
      GithubProviderConfig,
      'environments' | 'pageSize'
    >,
  ) {
    this.isProduction = environment => config.environments.matches(environment);
  }

  async list(repo: string, page: number, signal?: AbortSignal) {
    const { items, hasNext } = await this.client.listDeployments(
      repo,
      { page, perPage: this.config.pageSize },
      { signal },
    );
    return {
      candidates: items.map(d => deploymentCandidate(d, this.isProduction)),
      hasNext,
    };
  }

  async outcome(repo: string, candidate: Candidate, signal?: AbortSignal) {
    const statuses = await this.client.listDeploymentStatuses(
      repo,
      candidate.id,
      { perPage: this.config.pageSize },
      { signal },
    );
    return deploymentOutcome(statuses);
  }

  async previousSuccessSha(
    repo: string,
    candidate: Candidate,
    signal?: AbortSignal,
  ) {
    const { items } = await this.client.listDeployments(
      repo,
      {
        page: 1,
        perPage: this.config.pageSize,
        environment: candidate.environment,
      },
      { signal },
    );
    const earlier = items
      .filter(d => d.id < candidate.id)
      .sort((a, b) => b.id - a.id)
      .slice(0, MAX_BASE_CANDIDATES);
    for (const deployment of earlier) {
      const outcome = await this.outcome(
        repo,
        deploymentCandidate(deployment, this.isProduction),
        signal,
      );
      if (outcome.state === 'final' && outcome.status === 'success') {
        return deployment.sha;
      }
    }
    return undefined;
  }
}

/** Runs of one GitHub Actions workflow. */
export class WorkflowRunsSource implements CandidateSource {
  constructor(
    private readonly client: GithubClient,
    private readonly config: Pick<
      GithubProviderConfig,
      'workflow' | 'branch' | 'workflowEnvironment' | 'pageSize'
    >,
  ) {}

  async list(repo: string, page: number, signal?: AbortSignal) {
    // Every status, not only completed runs: a run still under way must
    // hold the cursor back, or it would be passed over once it completes.
    const { items, hasNext } = await this.client.listWorkflowRuns(
      repo,
      this.config.workflow!,
      { page, perPage: this.config.pageSize, branch: this.config.branch },
      { signal },
    );
    return {
      candidates: items.map(run =>
        workflowRunCandidate(run, this.config.workflowEnvironment),
      ),
      hasNext,
    };
  }

  async outcome(_repo: string, candidate: Candidate) {
    return candidate.outcome ?? { state: 'pending' as const };
  }

  async previousSuccessSha(
    repo: string,
    candidate: Candidate,
    signal?: AbortSignal,
  ) {
    const { items } = await this.client.listWorkflowRuns(
      repo,
      this.config.workflow!,
      {
        page: 1,
        perPage: this.config.pageSize,
        branch: this.config.branch,
        status: 'success',
      },
      { signal },
    );
    return items
      .filter(run => run.id < candidate.id)
      .sort((a, b) => b.id - a.id)[0]?.head_sha;
  }
}
