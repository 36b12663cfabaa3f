import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  FakeGithub,
  HOUR,
  TOKEN,
  setupGithubServer,
  sha,
} from './__testUtils__/FakeGithub';
import { startBackend } from './__testUtils__/startBackend';
import {
  SECRET,
  deliver,
  deploymentStatusPayload,
  sign,
  workflowRunPayload,
} from './__testUtils__/webhooks';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupGithubServer();
registerMswTestHooks(server);

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const requests = { maxAttempts: 2, initialBackoff: '1ms' };

function fakeGithub() {
  const github = new FakeGithub(NOW - 10 * 24 * HOUR);
  server.use(...github.handlers());
  return github;
}

const changeShas = (d: { changes: Array<{ sha: string }> }) =>
  d.changes.map(c => c.sha);

describe.each(databases.eachSupportedId())('GitHub webhooks on %p', id => {
  const start = (github: object = {}) =>
    startBackend({
      databases,
      id,
      github: { webhookSecret: SECRET, requests, ...github },
    });

  it('stores a final deployment_status with the changes since the previous successful deployment; a replay does no work and no duplicate', async () => {
    const github = fakeGithub();
    github.deploy(81, 2, NOW - 5 * HOUR);
    github.deploy(82, 4, NOW - 4 * HOUR, ['failure']);
    github.deploy(83, 7, NOW - 2 * HOUR, ['in_progress']);
    const { server: backend, deployments } = await start();
    const body = deploymentStatusPayload({
      deploymentId: 83,
      commit: 7,
      state: 'success',
      createdAt: iso(NOW - 2 * HOUR),
      finishedAt: iso(NOW - HOUR),
    });

    const res = await deliver(backend, {
      event: 'deployment_status',
      body,
      delivery: 'd-83',
    });

    expect(res.status).toBe(202);
    const [stored] = await deployments();
    expect(stored).toMatchObject({
      source: 'github',
      id: 'deployment/83',
      status: 'success',
      environment: 'production',
      commitSha: sha(7),
      startedAt: iso(NOW - 2 * HOUR),
      finishedAt: iso(NOW - HOUR),
    });
    expect(changeShas(stored)).toEqual([3, 4, 5, 6, 7].map(sha));
    expect(github.calls(/\/deployments$/)[0].query).toMatchObject({
      environment: 'production',
      page: '1',
    });
    expect(
      github.requests.every(r => r.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);

    const calls = github.requests.length;
    const replay = await deliver(backend, {
      event: 'deployment_status',
      body,
      delivery: 'd-83',
    });
    expect(replay.status).toBe(202);
    expect(github.requests).toHaveLength(calls);

    // Redelivered under a new id: handled again, still one deployment.
    await deliver(backend, {
      event: 'deployment_status',
      body,
      delivery: 'd-83-again',
    });
    expect(github.requests.length).toBeGreaterThan(calls);
    expect((await deployments()).map((d: any) => d.id)).toEqual([
      'deployment/83',
    ]);
  });

  it('rejects a missing or wrong X-Hub-Signature-256 with 401 before anything else', async () => {
    const github = fakeGithub();
    const { server: backend, deployments } = await start();
    const body = JSON.stringify(
      deploymentStatusPayload({
        deploymentId: 84,
        commit: 1,
        state: 'success',
        createdAt: iso(NOW - HOUR),
        finishedAt: iso(NOW - HOUR),
      }),
    );

    const results = await Promise.all([
      deliver(backend, { event: 'deployment_status', body, signature: null }),
      deliver(backend, {
        event: 'deployment_status',
        body,
        signature: sign(body, 'another-secret'),
      }),
      deliver(backend, {
        event: 'deployment_status',
        body,
        signature: sign(`${body} `),
      }),
      deliver(backend, {
        event: 'deployment_status',
        body: '{',
        signature: 'sha256=',
      }),
    ]);

    expect(results.map(r => r.status)).toEqual([401, 401, 401, 401]);
    expect(results.map(r => r.body.error.message)).toEqual([
      "Missing 'X-Hub-Signature-256' header",
      "Invalid 'X-Hub-Signature-256' signature",
      "Invalid 'X-Hub-Signature-256' signature",
      "Invalid 'X-Hub-Signature-256' signature",
    ]);
    expect(JSON.stringify(results.map(r => r.body))).not.toContain(SECRET);
    expect(github.requests).toEqual([]);
    expect(await deployments()).toEqual([]);
  });

  it('answers a ping, and statuses not final or not production, without storing anything', async () => {
    const github = fakeGithub();
    const { server: backend, deployments } = await start();
    const payload = (state: string, environment = 'production') =>
      deploymentStatusPayload({
        deploymentId: 85,
        commit: 1,
        state,
        environment,
        createdAt: iso(NOW - HOUR),
        finishedAt: iso(NOW - HOUR),
      });

    const results = [
      await deliver(backend, {
        event: 'ping',
        body: { zen: 'Keep it logically awesome.', hook_id: 1 },
      }),
      await deliver(backend, {
        event: 'deployment_status',
        body: payload('in_progress'),
      }),
      await deliver(backend, {
        event: 'deployment_status',
        body: payload('success', 'staging'),
      }),
      await deliver(backend, { event: 'push', body: { ref: 'refs/heads/x' } }),
    ];

    expect(results.map(r => r.status)).toEqual([202, 202, 202, 202]);
    expect(github.requests).toEqual([]);
    expect(await deployments()).toEqual([]);
  });

  it('rejects a malformed payload with 400 naming the field', async () => {
    fakeGithub();
    const { server: backend, deployments } = await start();
    const body = deploymentStatusPayload({
      deploymentId: 86,
      commit: 1,
      state: 'success',
      createdAt: iso(NOW - HOUR),
      finishedAt: iso(NOW - HOUR),
    });

    const wrongId = await deliver(backend, {
      event: 'deployment_status',
      body: { ...body, deployment: { ...body.deployment, id: 'eighty-six' } },
    });
    const noRepository = await deliver(backend, {
      event: 'deployment_status',
      body: { ...body, repository: undefined },
    });
    const notJson = await deliver(backend, {
      event: 'deployment_status',
      body: 'payload=%7B%7D',
    });

    expect(wrongId.status).toBe(400);
    expect(wrongId.body.error).toMatchObject({
      name: 'InputError',
      message: "Invalid 'deployment_status.deployment.id': expected a number",
    });
    expect(noRepository.status).toBe(400);
    expect(noRepository.body.error.message).toBe(
      "Invalid 'deployment_status.repository.full_name': expected a non-empty string",
    );
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(
      /^Invalid 'deployment_status' payload: expected a JSON object/,
    );
    expect(await deployments()).toEqual([]);
  });

  it('counts a delivery for a repository no entity carries as unmatched, in GET /providers', async () => {
    const github = fakeGithub();
    const { server: backend, status, sync } = await start();
    const body = deploymentStatusPayload({
      deploymentId: 87,
      commit: 1,
      state: 'success',
      repo: 'acme/unknown',
      createdAt: iso(NOW - HOUR),
      finishedAt: iso(NOW - HOUR),
    });

    expect(
      (await deliver(backend, { event: 'deployment_status', body })).status,
    ).toBe(202);

    expect(github.requests).toEqual([]);
    const afterDelivery = await status();
    expect(afterDelivery.webhook).toEqual({
      unmatched: 1,
      lastUnmatchedAt: expect.any(String),
    });
    expect(afterDelivery.cursors).toEqual([]);

    // A sync counts its own unmatched objects; the webhook's count stays.
    await sync();
    expect((await status()).lastRun.unmatched).toBe(0);
    expect((await status()).webhook?.unmatched).toBe(1);
  });

  it('takes workflow_run deliveries of the configured workflow in workflowRuns mode', async () => {
    const github = fakeGithub();
    github.runs.push({
      id: 901,
      head_sha: sha(3),
      head_branch: 'main',
      path: '.github/workflows/deploy.yml',
      status: 'completed',
      conclusion: 'success',
      created_at: iso(NOW - 5 * HOUR),
      updated_at: iso(NOW - 5 * HOUR + 60_000),
    });
    github.commitCount = 9;
    const { server: backend, deployments } = await start({
      mode: 'workflowRuns',
      workflow: 'deploy.yml',
      branch: 'main',
    });
    const run = (runId: number, extra: object = {}) =>
      workflowRunPayload({
        runId,
        commit: 6,
        conclusion: 'success',
        createdAt: iso(NOW - 2 * HOUR),
        updatedAt: iso(NOW - HOUR),
        ...extra,
      });

    const results = [
      await deliver(backend, { event: 'workflow_run', body: run(905) }),
      await deliver(backend, {
        event: 'workflow_run',
        body: run(906, { path: '.github/workflows/test.yml' }),
      }),
      await deliver(backend, {
        event: 'workflow_run',
        body: run(907, { branch: 'feature' }),
      }),
      await deliver(backend, {
        event: 'workflow_run',
        body: run(908, { action: 'in_progress', status: 'in_progress' }),
      }),
      await deliver(backend, {
        event: 'deployment_status',
        body: deploymentStatusPayload({
          deploymentId: 1,
          commit: 1,
          state: 'success',
          createdAt: iso(NOW - HOUR),
          finishedAt: iso(NOW - HOUR),
        }),
      }),
    ];

    expect(results.map(r => r.status)).toEqual([202, 202, 202, 202, 202]);
    const stored = await deployments();
    expect(stored.map((d: any) => [d.id, d.status, d.environment])).toEqual([
      ['workflow-run/905', 'success', 'production'],
    ]);
    expect(changeShas(stored[0])).toEqual([4, 5, 6].map(sha));
    expect(github.calls(/\/runs$/).map(r => [r.path, r.query])).toEqual([
      [
        '/repos/acme/cart/actions/workflows/deploy.yml/runs',
        { branch: 'main', status: 'success', per_page: '100', page: '1' },
      ],
    ]);
  });

  it('has no webhook route without a webhookSecret', async () => {
    fakeGithub();
    const { server: backend } = await startBackend({
      databases,
      id,
      github: { requests },
    });
    const res = await deliver(backend, { event: 'ping', body: {} });
    expect(res.status).toBe(404);
  });
});
