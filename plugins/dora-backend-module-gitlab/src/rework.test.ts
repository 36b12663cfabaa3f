import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { localBackendPassthrough } from '@paved-road/plugin-dora-node/testUtils';
import { setupServer } from 'msw/node';
import {
  FakeGitlab,
  HOUR,
  T0,
  gitlabCommit,
  gitlabDeployment,
} from './__testUtils__/fakeGitlab';
import {
  API,
  TOKEN,
  startGitlabBackend,
} from './__testUtils__/startGitlabBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

/** Milliseconds after T0 that were `hours` ago. */
const hoursAgo = (hours: number) => Date.now() - T0 - hours * HOUR;
const sha = (c: string) => c.repeat(40);

describe.each(databases.eachSupportedId())('GitLab reverts on %p', id => {
  it('flags deployments that ship a revert as rework, by sync and by webhook, with no rollback config', async () => {
    const gitlab = new FakeGitlab(API, TOKEN);
    server.use(...gitlab.handlers());
    const feature = gitlabDeployment(501, hoursAgo(8));
    // Ships merge request !2: GitLab's Revert of merge request !1.
    const revertMr = gitlabDeployment(502, hoursAgo(6));
    // Ships merge request !3, titled as GitHub-style revert pull requests
    // are, whose commit was edited: only the body says it reverts.
    const revertCommit = gitlabDeployment(503, hoursAgo(4));
    // No merge request: its own commit, a plain `git revert` pushed to main.
    const ownRevert = gitlabDeployment(504, hoursAgo(2));
    Object.assign(ownRevert.deployable!.commit!, {
      title: 'Revert "Tune the pool"',
      message: `Revert "Tune the pool"\n\nThis reverts commit ${sha('c')}.\n`,
    });
    gitlab.addProject({
      id: 101,
      path_with_namespace: 'acme/payments',
      deployments: [feature, revertMr, revertCommit, ownRevert],
      mergeRequests: {
        501: [{ iid: 1, title: 'Add the ledger cache' }],
        502: [{ iid: 2, title: 'Revert "Add the ledger cache"' }],
        503: [{ iid: 3, title: 'Undo the ledger cache' }],
      },
      commits: {
        1: [gitlabCommit(sha('a'), hoursAgo(9), 'Add the ledger cache\n')],
        2: [
          gitlabCommit(
            sha('b'),
            hoursAgo(7),
            'Revert "Add the ledger cache"\r\n\r\nThis reverts merge request !1',
          ),
        ],
        3: [
          gitlabCommit(
            sha('d'),
            hoursAgo(5),
            `Undo the ledger cache\n\nThis reverts commit ${sha('a')}.`,
          ),
        ],
      },
    });
    const backend = await startGitlabBackend({ databases, id });

    await backend.sync();

    expect((await backend.status()).lastError).toBeNull();
    const rework = async () =>
      (await backend.deployments()).map((d: any) => [d.id, d.rework]);
    expect(await rework()).toEqual([
      ['504', true],
      ['503', true],
      ['502', true],
      ['501', false],
    ]);
    const metrics = await backend.get(
      '/metrics?entityRef=component%3Adefault%2Fpayments',
    );
    expect(metrics.reworkRate).toMatchObject({
      deployments: 4,
      reworkDeployments: 3,
    });

    // A Deployment Hook for deployment 502 rebuilds it from the API the
    // same way: still rework, still one event.
    const res = await backend.hook({
      object_kind: 'deployment',
      status: 'success',
      status_changed_at: '2026-11-20 10:00:00 +0100',
      deployment_id: 502,
      deployable_id: 502,
      environment: 'production',
      environment_slug: 'production',
      project: {
        id: 101,
        name: 'payments',
        path_with_namespace: 'acme/payments',
      },
      short_sha: revertMr.sha!.slice(0, 8),
      commit_url: `https://gitlab.acme.internal/acme/payments/-/commit/${revertMr.sha}`,
      commit_title: "Merge branch 'revert-1' into 'main'",
    });
    expect(res.status).toBe(202);
    expect(await rework()).toEqual([
      ['504', true],
      ['503', true],
      ['502', true],
      ['501', false],
    ]);
    expect(
      gitlab.requestsTo('/projects/101/deployments/502/merge_requests'),
    ).toHaveLength(2);
  });

  it('does not take a commit that only talks about reverting for rework', async () => {
    const gitlab = new FakeGitlab(API, TOKEN);
    server.use(...gitlab.handlers());
    gitlab.addProject({
      id: 101,
      path_with_namespace: 'acme/payments',
      deployments: [gitlabDeployment(511, hoursAgo(2))],
      mergeRequests: { 511: [{ iid: 9, title: 'Speed up exports' }] },
      commits: {
        9: [
          gitlabCommit(
            sha('e'),
            hoursAgo(3),
            'Speed up exports\n\nWe could revert "this" if it misbehaves.',
          ),
        ],
      },
    });
    const backend = await startGitlabBackend({ databases, id });
    await backend.sync();
    expect((await backend.deployments()).map((d: any) => d.rework)).toEqual([
      false,
    ]);
  });

  it('reads the commit_title of a Deployment Hook the API cannot confirm', async () => {
    const gitlab = new FakeGitlab(API, TOKEN);
    server.use(...gitlab.handlers());
    gitlab.addProject({ id: 101, path_with_namespace: 'acme/payments' });
    const backend = await startGitlabBackend({ databases, id });
    const commit = sha('f');

    const res = await backend.hook({
      object_kind: 'deployment',
      status: 'success',
      status_changed_at: '2026-11-20 10:00:00 +0100',
      deployment_id: 521,
      deployable_id: 9521,
      environment: 'production',
      environment_slug: 'production',
      project: {
        id: 101,
        name: 'payments',
        path_with_namespace: 'acme/payments',
      },
      short_sha: commit.slice(0, 8),
      commit_url: `https://gitlab.acme.internal/acme/payments/-/commit/${commit}`,
      commit_title: `Revert "Tune the pool"\n\nThis reverts commit ${sha('c')}`,
    });

    expect(res.status).toBe(202);
    expect(gitlab.requestsTo('/projects/101/deployments/521')).toHaveLength(1);
    expect(await backend.deployments()).toEqual([
      expect.objectContaining({
        id: '521',
        commitSha: commit,
        rework: true,
        changes: [],
      }),
    ]);
  });
});
