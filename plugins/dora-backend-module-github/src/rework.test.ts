import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  DAY,
  FakeGithub,
  HOUR,
  setupGithubServer,
  sha,
} from './__testUtils__/FakeGithub';
import { startBackend } from './__testUtils__/startBackend';
import {
  SECRET,
  deliver,
  deploymentStatusPayload,
} from './__testUtils__/webhooks';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupGithubServer();
registerMswTestHooks(server);

const NOW = Date.now();
const requests = { maxAttempts: 2, initialBackoff: '1ms' };
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(databases.eachSupportedId())('GitHub reverts on %p', id => {
  it('flags deployments that ship a revert as rework, with no rollback config', async () => {
    const github = new FakeGithub(NOW - 20 * DAY);
    server.use(...github.handlers());
    // `git revert`, shipped among other commits by deployment 102.
    github.messages.set(
      4,
      `Revert "Change 3"\n\nThis reverts commit ${sha(3)}.\n`,
    );
    // GitHub's Revert button, squash-merged: title and pull request body.
    github.messages.set(9, 'Revert "Change 7" (#124)\n\nReverts acme/cart#123');
    // Talks about reverting, but is no revert.
    github.messages.set(7, 'Change 7\n\nWe may revert "this" later');
    github.deploy(101, 2, NOW - 8 * HOUR);
    github.deploy(102, 5, NOW - 6 * HOUR);
    github.deploy(103, 7, NOW - 4 * HOUR);
    github.deploy(104, 9, NOW - 2 * HOUR);
    const { sync, status, deployments, get } = await startBackend({
      databases,
      id,
      github: { requests },
    });

    await sync();

    expect((await status()).lastError).toBeNull();
    expect(
      (await deployments()).map((d: any) => [d.id, d.status, d.rework]),
    ).toEqual([
      ['deployment/104', 'success', true],
      ['deployment/103', 'success', false],
      ['deployment/102', 'success', true],
      ['deployment/101', 'success', false],
    ]);
    // The revert came in through the compare of 2...5.
    expect(
      github.calls(/\/compare\//).map(r => r.path.split('/').pop()),
    ).toEqual([
      `${sha(2)}...${sha(5)}`,
      `${sha(5)}...${sha(7)}`,
      `${sha(7)}...${sha(9)}`,
    ]);
    const metrics = await get(
      `/metrics?entityRef=${encodeURIComponent('component:default/cart')}`,
    );
    expect(metrics.reworkRate).toEqual({
      deployments: 4,
      reworkDeployments: 2,
      ratio: 0.5,
    });
  });

  it('flags a first deployment whose head commit is a revert', async () => {
    const github = new FakeGithub(NOW - 20 * DAY);
    server.use(...github.handlers());
    github.messages.set(
      3,
      `Revert "Change 2"\r\n\r\nThis reverts commit ${sha(2)}.`,
    );
    github.deploy(111, 3, NOW - 2 * HOUR);
    const { sync, deployments } = await startBackend({
      databases,
      id,
      github: { requests },
    });

    await sync();

    expect(github.calls(/\/commits\//).map(r => r.path)).toEqual([
      `/repos/acme/cart/commits/${sha(3)}`,
    ]);
    expect((await deployments()).map((d: any) => d.rework)).toEqual([true]);
  });

  it('flags a revert delivered by a deployment_status webhook as rework', async () => {
    const github = new FakeGithub(NOW - 20 * DAY);
    server.use(...github.handlers());
    github.messages.set(
      3,
      `Revert "Change 2"\n\nThis reverts commit ${sha(2)}.`,
    );
    github.deploy(121, 1, NOW - 5 * HOUR);
    github.deploy(122, 4, NOW - 2 * HOUR, ['in_progress']);
    const { server: backend, deployments } = await startBackend({
      databases,
      id,
      github: { webhookSecret: SECRET, requests },
    });

    const res = await deliver(backend, {
      event: 'deployment_status',
      body: deploymentStatusPayload({
        deploymentId: 122,
        commit: 4,
        state: 'success',
        createdAt: iso(NOW - 2 * HOUR),
        finishedAt: iso(NOW - HOUR),
      }),
      delivery: 'd-122',
    });

    expect(res.status).toBe(202);
    const [stored] = await deployments();
    expect(stored).toMatchObject({ id: 'deployment/122', rework: true });
    expect(stored.changes.map((c: any) => c.sha)).toEqual([2, 3, 4].map(sha));
  });
});
