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
  at,
  gitlabCommit,
  gitlabDeployment,
} from './__testUtils__/fakeGitlab';
import {
  API,
  PAYMENTS,
  TOKEN,
  startGitlabBackend,
} from './__testUtils__/startGitlabBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

/** Milliseconds after T0 that were `hours` ago. */
const hoursAgo = (hours: number) => Date.now() - T0 - hours * HOUR;

describe.each(databases.eachSupportedId())('GitLab rollbacks on %p', id => {
  it('takes a redeploy of an earlier sha for a rollback of the deployments in between, and links the incident to the one rolled back', async () => {
    const gitlab = new FakeGitlab(API, TOKEN);
    server.use(...gitlab.handlers());
    const a = gitlabDeployment(601, hoursAgo(6));
    const b = gitlabDeployment(602, hoursAgo(4));
    // "Rollback environment" in GitLab re-runs A's deployment job: a new
    // deployment (own id and job) of A's commit, with no merge request of
    // its own. The API marks it no differently.
    const again = gitlabDeployment(603, hoursAgo(2), {
      sha: a.sha,
      deployable: {
        ...gitlabDeployment(603, hoursAgo(2)).deployable,
        commit: a.deployable!.commit,
      },
    });
    gitlab.addProject({
      id: 101,
      path_with_namespace: 'acme/payments',
      deployments: [a, b, again],
      mergeRequests: {
        601: [{ iid: 1, title: 'Add the ledger cache' }],
        602: [{ iid: 2, title: 'Tune the pool' }],
      },
      commits: {
        1: [gitlabCommit('a'.repeat(40), hoursAgo(7))],
        2: [gitlabCommit('b'.repeat(40), hoursAgo(5))],
      },
    });
    const backend = await startGitlabBackend({
      databases,
      id,
      dora: { linking: { rules: ['explicit', 'rollback', 'latest-before'] } },
    });

    await backend.sync();
    expect((await backend.status()).lastError).toBeNull();
    // B finished 4 hours ago, the second A 2 hours ago.
    await backend.pushEvents([
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'P-ROLLBACK',
        entityRef: PAYMENTS,
        openedAt: at(hoursAgo(3)),
        resolvedAt: at(hoursAgo(1)),
        severity: 'sev2',
      },
    ]);

    const stored = await backend.deployments();
    expect(
      stored.map((d: any) => [d.id, d.commitSha, d.status, d.rework]),
    ).toEqual([
      ['603', a.sha, 'success', true],
      ['602', b.sha, 'rolled_back', false],
      ['601', a.sha, 'success', false],
    ]);
    const [secondA, rolledBack, firstA] = stored;
    expect(rolledBack.incidents).toEqual([
      expect.objectContaining({
        source: 'pagerduty',
        id: 'P-ROLLBACK',
        rule: 'rollback',
      }),
    ]);
    expect(secondA.incidents).toEqual([]);
    expect(firstA.incidents).toEqual([]);
    // The redeploy's only change is its own commit, shipped before.
    expect(secondA.changes.map((c: any) => c.sha)).toEqual([a.sha]);
  });
});
