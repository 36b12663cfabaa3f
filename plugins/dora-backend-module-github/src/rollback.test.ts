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

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupGithubServer();
registerMswTestHooks(server);

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(databases.eachSupportedId())('GitHub rollbacks on %p', id => {
  it('takes a redeploy of an earlier sha for a rollback of the deployments in between, and links the incident to the one rolled back', async () => {
    const github = new FakeGithub(NOW - 20 * DAY);
    server.use(...github.handlers());
    // A, then B, then A again. GitHub marks a production deployment
    // `inactive` once a later one succeeds (auto_inactive).
    github.deploy(201, 2, NOW - 6 * HOUR, [
      'in_progress',
      'success',
      'inactive',
    ]);
    github.deploy(202, 5, NOW - 4 * HOUR, [
      'in_progress',
      'success',
      'inactive',
    ]);
    github.deploy(203, 2, NOW - 2 * HOUR, ['in_progress', 'success']);
    const { sync, status, deployments, pushEvents } = await startBackend({
      databases,
      id,
      github: { requests: { maxAttempts: 2, initialBackoff: '1ms' } },
      dora: { linking: { rules: ['explicit', 'rollback', 'latest-before'] } },
    });

    await sync();
    expect((await status()).lastError).toBeNull();
    // B finished at -4h + 2 min, the second A at -2h + 2 min.
    await pushEvents([
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'P-ROLLBACK',
        entityRef: 'component:default/cart',
        openedAt: iso(NOW - 3 * HOUR),
        resolvedAt: iso(NOW - 1 * HOUR),
        severity: 'sev2',
      },
    ]);

    const stored = await deployments();
    expect(
      stored.map((d: any) => [d.id, d.commitSha, d.status, d.rework]),
    ).toEqual([
      ['deployment/203', sha(2), 'success', true],
      ['deployment/202', sha(5), 'rolled_back', false],
      ['deployment/201', sha(2), 'success', false],
    ]);
    const [secondA, b, firstA] = stored;
    expect(b.incidents).toEqual([
      expect.objectContaining({
        source: 'pagerduty',
        id: 'P-ROLLBACK',
        rule: 'rollback',
      }),
    ]);
    expect(secondA.incidents).toEqual([]);
    expect(firstA.incidents).toEqual([]);
    // A redeploy of an ancestor ships nothing new: the compare is empty.
    expect(secondA.changes).toEqual([]);
    expect(
      github.calls(/\/compare\//).map(r => r.path.split('/').pop()),
    ).toEqual([`${sha(2)}...${sha(5)}`, `${sha(5)}...${sha(2)}`]);
  });
});
