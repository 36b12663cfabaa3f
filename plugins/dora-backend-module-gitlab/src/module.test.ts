import {
  TestDatabaseId,
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import {
  localBackendPassthrough,
  startDoraTestBackend,
} from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { doraModuleGitlab } from './module';
import { component } from './__testUtils__/entities';
import {
  DAY,
  FakeGitlab,
  HOUR,
  T0,
  gitlabCommit,
  gitlabDeployment,
} from './__testUtils__/fakeGitlab';

const HOST = 'gitlab.acme.internal';
const API = `https://${HOST}/api/v4`;
const TOKEN = 'glpat-internal-token';
const HOOK_SECRET = 'hook-secret-value';
const PAYMENTS = 'component:default/payments';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
// Requests to the test backend itself go through; GitLab is faked.
const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

/** Milliseconds after T0 that were `days` ago. */
const ago = (days: number) => Date.now() - T0 - days * DAY;

const entities = [
  component('payments', { 'gitlab.com/project-slug': 'acme/payments' }),
  component('ledger', { 'gitlab.com/project-id': '102' }),
];

function config(gitlab: object = {}) {
  return {
    integrations: {
      gitlab: [
        { host: 'gitlab.com', token: 'glpat-public-should-not-be-used' },
        { host: HOST, apiBaseUrl: API, token: TOKEN },
      ],
    },
    dora: {
      providers: {
        gitlab: {
          host: HOST,
          webhookToken: HOOK_SECRET,
          webhookTokens: ['rotated-hook-token'],
          groups: ['acme'],
          requests: { maxAttempts: 2, initialBackoff: '10ms' },
          ...gitlab,
        },
      },
    },
  };
}

async function start(id: TestDatabaseId, data: object = config()) {
  const dora = await startDoraTestBackend({
    features: [doraPlugin, doraModuleGitlab],
    config: data,
    entities,
    database: await databases.init(id),
  });
  return {
    runSync: () => dora.sync('gitlab'),
    status: async () => (await dora.providerStatus('gitlab'))!,
    deployments: async (entityRef = PAYMENTS) =>
      (
        await dora.get(
          `/deployments?limit=500&entityRef=${encodeURIComponent(entityRef)}`,
        )
      ).items,
    metrics: (entityRef = PAYMENTS) =>
      dora.get(`/metrics?entityRef=${encodeURIComponent(entityRef)}`),
    hook: (body: unknown, headers: Record<string, string> = {}) =>
      dora.deliver(
        'gitlab',
        typeof body === 'string' ? body : JSON.stringify(body),
        {
          'X-Gitlab-Event': 'Deployment Hook',
          'X-Gitlab-Token': HOOK_SECRET,
          ...headers,
        },
      ),
  };
}

function fakeGitlab() {
  const gitlab = new FakeGitlab(API, TOKEN);
  server.use(...gitlab.handlers());
  gitlab.addProject({ id: 102, path_with_namespace: 'acme/platform/ledger' });
  return gitlab;
}

describe('doraModuleGitlab in the DORA backend', () => {
  it.each(databases.eachSupportedId())(
    'pages through a self-hosted GitLab, survives a 5xx storm mid-sync and resumes with no gap and no duplicate, on %p',
    async id => {
      const gitlab = fakeGitlab();
      // 120 deployments over the last 20 days: two pages of 100.
      const deployments = Array.from({ length: 120 }, (_, i) =>
        gitlabDeployment(1000 + i, ago(20) + i * 4 * HOUR),
      );
      gitlab.addProject(
        {
          id: 101,
          path_with_namespace: 'acme/payments',
          deployments,
          mergeRequests: { 1000: [{ iid: 1 }] },
          commits: {
            1: [
              gitlabCommit('f'.repeat(40), ago(21)),
              gitlabCommit('e'.repeat(40), ago(20.5)),
            ],
          },
        },
        { group: 'acme' },
      );
      gitlab.addProject(
        {
          id: 300,
          path_with_namespace: 'acme/nobody-owns-this',
          deployments: [
            gitlabDeployment(3001, ago(2)),
            gitlabDeployment(3002, ago(1)),
          ],
        },
        { group: 'acme' },
      );
      let stormCalls = 0;
      server.use(
        http.get(`${API}/projects/101/deployments`, ({ request }) => {
          if (new URL(request.url).searchParams.get('page') !== '2')
            return undefined;
          stormCalls += 1;
          return new HttpResponse(null, { status: 502 });
        }),
      );
      const backend = await start(id);

      await backend.runSync();

      const failed = await backend.status();
      expect(stormCalls).toBe(2);
      expect(failed).toMatchObject({
        lastError: expect.stringContaining('failed after 2 attempts: 502'),
        lastRun: { accepted: 100, unmatched: 0 },
        failedRuns: 1,
        cursors: [
          {
            scope: '101',
            cursor: JSON.stringify({
              finishedAt: deployments[99].finished_at,
              id: 1099,
            }),
          },
        ],
      });
      expect(JSON.stringify(failed)).not.toContain(TOKEN);
      expect((await backend.deployments()).length).toBe(100);

      // GitLab recovers; the next run starts from the saved cursor.
      server.resetHandlers();
      server.use(...gitlab.handlers());
      gitlab.requests.length = 0;
      await backend.runSync();

      const resumed = await backend.status();
      expect(resumed).toMatchObject({
        lastError: null,
        runs: 2,
        failedRuns: 1,
        // 20 new ones; the unknown project's two deployments are counted.
        lastRun: { accepted: 20, updated: 0, unmatched: 2 },
      });
      expect(resumed.cursors.map((c: { scope: string }) => c.scope)).toEqual([
        '101',
        '300',
      ]);
      const [firstPage] = gitlab.requestsTo('/projects/101/deployments');
      expect(firstPage.query.get('finished_after')).toBe(
        new Date(Date.parse(deployments[99].finished_at!) - 1000).toISOString(),
      );
      expect(gitlab.requests.every(r => r.token === TOKEN)).toBe(true);

      const stored = await backend.deployments();
      const ids = stored.map((d: { id: string }) => d.id).sort();
      expect(ids).toEqual(deployments.map(d => String(d.id)).sort());
      const first = stored.find((d: { id: string }) => d.id === '1000');
      expect(first).toMatchObject({
        source: 'gitlab',
        environment: 'production',
        status: 'success',
        commitSha: deployments[0].sha,
      });
      expect(first.changes.map((c: { sha: string }) => c.sha).sort()).toEqual([
        'e'.repeat(40),
        'f'.repeat(40),
      ]);
      const metrics = await backend.metrics();
      expect(metrics.deploymentFrequency.deployments).toBeGreaterThan(100);
      expect(metrics.leadTimeForChanges.changes).toBeGreaterThan(0);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'takes Deployment Hooks: 401 on a bad token, 400 naming the field, replays update, running is skipped, on %p',
    async id => {
      const gitlab = fakeGitlab();
      const deployment = gitlabDeployment(77, ago(1));
      gitlab.addProject({
        id: 101,
        path_with_namespace: 'acme/payments',
        deployments: [
          deployment,
          gitlabDeployment(78, ago(0.5), { status: 'failed' }),
        ],
        mergeRequests: { 77: [{ iid: 5 }] },
        commits: { 5: [gitlabCommit('d'.repeat(40), ago(2))] },
      });
      const backend = await start(id, config({ groups: [] }));
      const payload = (extra: object = {}) => ({
        object_kind: 'deployment',
        status: 'success',
        status_changed_at: '2021-04-28 21:50:00 +0200',
        deployment_id: 77,
        deployable_id: 796,
        environment: 'production',
        environment_slug: 'production',
        project: {
          id: 101,
          name: 'payments',
          path_with_namespace: 'acme/payments',
        },
        short_sha: deployment.sha!.slice(0, 8),
        commit_url: `https://${HOST}/acme/payments/-/commit/${deployment.sha}`,
        commit_title: 'Ship it',
        ...extra,
      });

      const forged = await backend.hook(payload(), {
        'X-Gitlab-Token': 'guess',
      });
      const missing = await backend.hook(payload(), { 'X-Gitlab-Token': '' });
      expect(forged.status).toBe(401);
      expect(missing.status).toBe(401);
      expect(JSON.stringify(forged.body)).not.toContain(HOOK_SECRET);
      // The second token of a rotation is valid too.
      const rotated = await backend.hook(payload({ status: 'running' }), {
        'X-Gitlab-Token': 'rotated-hook-token',
      });
      expect(rotated.status).toBe(202);

      const malformed = await backend.hook(
        payload({ project: { id: 'x', path_with_namespace: 'acme/payments' } }),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toMatchObject({
        name: 'InputError',
        message: "Invalid 'project.id': expected a positive integer",
      });
      expect((await backend.hook('{not json')).status).toBe(400);

      const running = await backend.hook(payload({ status: 'running' }));
      expect(running.status).toBe(202);
      expect(await backend.deployments()).toEqual([]);

      expect((await backend.hook(payload())).status).toBe(202);
      expect((await backend.hook(payload())).status).toBe(202); // replayed
      const failedHook = await backend.hook(
        payload({ deployment_id: 78, status: 'failed' }),
      );
      expect(failedHook.status).toBe(202);

      const stored = await backend.deployments();
      expect(
        stored.map((d: { id: string; status: string }) => [d.id, d.status]),
      ).toEqual(
        expect.arrayContaining([
          ['77', 'success'],
          ['78', 'failure'],
        ]),
      );
      expect(stored.filter((d: { id: string }) => d.id === '77')).toHaveLength(
        1,
      );
      const success = stored.find((d: { id: string }) => d.id === '77');
      expect(success).toMatchObject({
        finishedAt: deployment.finished_at,
        commitSha: deployment.sha,
        changes: [{ sha: 'd'.repeat(40) }],
      });
      expect(gitlab.requestsTo('/projects/101/deployments/77')).toHaveLength(2);
      const metrics = await backend.metrics();
      expect(metrics.deploymentFrequency.deployments).toBe(1);
      expect(metrics.changeFailureRate.deployments).toBe(1);

      // A later sync of the same deployment updates, never duplicates.
      await backend.runSync();
      expect(await backend.status()).toMatchObject({
        lastError: null,
        lastRun: { accepted: 1, updated: 1 },
      });
      expect(
        (await backend.deployments()).filter(
          (d: { id: string }) => d.id === '77',
        ),
      ).toHaveLength(1);
    },
    60_000,
  );

  it('stores nothing for a delivery of a project no entity annotates, and counts it as unmatched', async () => {
    const gitlab = fakeGitlab();
    const backend = await start('SQLITE_3');
    const res = await backend.hook({
      object_kind: 'deployment',
      status: 'success',
      status_changed_at: '2026-11-20T10:00:00Z',
      deployment_id: 5,
      environment: 'production',
      project: { id: 999, path_with_namespace: 'acme/unknown' },
    });
    expect(res.status).toBe(202);
    expect(gitlab.requests).toEqual([]);
    expect(await backend.deployments()).toEqual([]);
    expect((await backend.status()).webhook).toEqual({
      unmatched: 1,
      lastUnmatchedAt: expect.any(String),
    });
  });

  it('answers 404 for webhooks when no webhook token is configured', async () => {
    fakeGitlab();
    const backend = await start(
      'SQLITE_3',
      config({ webhookToken: undefined, webhookTokens: undefined }),
    );
    expect((await backend.hook({})).status).toBe(404);
  });

  it('fails at start-up naming the malformed key', async () => {
    await expect(
      start('SQLITE_3', config({ lookbackDays: 0 })),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.gitlab.lookbackDays': expected a whole number from 1 to 3650, got 0",
    );
    await expect(
      start('SQLITE_3', config({ host: 'git.example.org' })),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.gitlab.host': no 'integrations.gitlab' entry has host 'git.example.org'",
    );
  });
});
