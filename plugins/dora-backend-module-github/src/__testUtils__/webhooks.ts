import { createHmac } from 'node:crypto';
import { postDoraWebhook } from '@paved-road/plugin-dora-node/testUtils';
import { Server } from 'node:http';
import { sha } from './FakeGithub';

export const SECRET = 'webhook-secret-for-tests';

const repository = (fullName: string) => {
  const [owner, name] = fullName.split('/');
  return {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name,
    full_name: fullName,
    private: false,
    owner: { login: owner, id: 1, type: 'Organization' },
    html_url: `https://github.com/${fullName}`,
    default_branch: 'main',
  };
};

const sender = { login: 'octocat', id: 1, type: 'User' };

/** A `deployment_status` delivery, shaped like GitHub's documented example. */
export function deploymentStatusPayload(options: {
  deploymentId: number;
  commit: number;
  state: string;
  createdAt: string;
  finishedAt: string;
  environment?: string;
  repo?: string;
}) {
  const repo = options.repo ?? 'acme/cart';
  const environment = options.environment ?? 'production';
  return {
    action: 'created',
    deployment_status: {
      url: `https://api.github.com/repos/${repo}/deployments/${options.deploymentId}/statuses/1`,
      id: options.deploymentId * 100 + 1,
      node_id: 'MDE2OkRlcGxveW1lbnRTdGF0dXMx',
      state: options.state,
      creator: sender,
      description: 'Deployment finished',
      environment,
      target_url: 'https://example.com/deployment/42/output',
      created_at: options.finishedAt,
      updated_at: options.finishedAt,
      deployment_url: `https://api.github.com/repos/${repo}/deployments/${options.deploymentId}`,
      repository_url: `https://api.github.com/repos/${repo}`,
    },
    deployment: {
      url: `https://api.github.com/repos/${repo}/deployments/${options.deploymentId}`,
      id: options.deploymentId,
      node_id: 'MDEwOkRlcGxveW1lbnQx',
      sha: sha(options.commit),
      ref: 'main',
      task: 'deploy',
      payload: {},
      original_environment: environment,
      environment,
      description: 'Deploy request from hubot',
      creator: sender,
      created_at: options.createdAt,
      updated_at: options.finishedAt,
      statuses_url: `https://api.github.com/repos/${repo}/deployments/${options.deploymentId}/statuses`,
      repository_url: `https://api.github.com/repos/${repo}`,
    },
    repository: repository(repo),
    sender,
  };
}

/** A `workflow_run` delivery, shaped like GitHub's documented example. */
export function workflowRunPayload(options: {
  runId: number;
  commit: number;
  action?: string;
  status?: string;
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  path?: string;
  branch?: string;
  repo?: string;
}) {
  const repo = options.repo ?? 'acme/cart';
  const path = options.path ?? '.github/workflows/deploy.yml';
  return {
    action: options.action ?? 'completed',
    workflow_run: {
      id: options.runId,
      name: 'Deploy',
      node_id: 'WFR_kwLOBsdRk84',
      head_branch: options.branch ?? 'main',
      head_sha: sha(options.commit),
      path,
      display_title: 'Deploy',
      run_number: 562,
      event: 'push',
      status: options.status ?? 'completed',
      conclusion: options.conclusion,
      workflow_id: 161335,
      check_suite_id: 414944374,
      url: `https://api.github.com/repos/${repo}/actions/runs/${options.runId}`,
      html_url: `https://github.com/${repo}/actions/runs/${options.runId}`,
      created_at: options.createdAt,
      updated_at: options.updatedAt,
      run_attempt: 1,
      run_started_at: options.createdAt,
      repository: repository(repo),
    },
    workflow: { id: 161335, name: 'Deploy', path, state: 'active' },
    repository: repository(repo),
    sender,
  };
}

export const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Posts a delivery to the webhook route, signed unless told otherwise. */
export function deliver(
  server: Server,
  options: {
    event: string;
    body: unknown;
    delivery?: string;
    signature?: string | null;
  },
) {
  const raw =
    typeof options.body === 'string'
      ? options.body
      : JSON.stringify(options.body, null, 2);
  const headers: Record<string, string> = {
    'X-GitHub-Event': options.event,
    'X-GitHub-Delivery': options.delivery ?? `delivery-${Math.random()}`,
    'User-Agent': 'GitHub-Hookshot/abc123',
  };
  if (options.signature !== null) {
    headers['X-Hub-Signature-256'] = options.signature ?? sign(raw);
  }
  return postDoraWebhook(server, 'github', raw, headers);
}
