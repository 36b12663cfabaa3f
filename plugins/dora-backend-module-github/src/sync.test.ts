import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { HttpResponse } from 'msw';
import {
  DAY,
  FakeGithub,
  HOUR,
  TOKEN,
  setupGithubServer,
  sha,
} from './__testUtils__/FakeGithub';
import { component, startBackend } from './__testUtils__/startBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupGithubServer();
registerMswTestHooks(server);

const NOW = Date.now();
const T0 = NOW - 20 * DAY;
const requests = { maxAttempts: 3, initialBackoff: '1ms', maxWait: '10s' };

function fakeGithub() {
  const github = new FakeGithub(T0);
  server.use(...github.handlers());
  return github;
}

const changeShas = (d: { changes: Array<{ sha: string }> }) =>
  d.changes.map(c => c.sha);

describe.each(databases.eachSupportedId())('GitHub sync on %p', id => {
  it('pages through deployments and compares, maps statuses and saves a cursor per repository', async () => {
    const github = fakeGithub();
    github.deploy(11, 2, T0 + 3 * HOUR); // first: just its head commit
    github.deploy(12, 5, T0 + 6 * HOUR, ['in_progress', 'failure']);
    github.deploy(13, 6, T0 + 7 * HOUR, ['error']);
    github.deploy(14, 9, T0 + 10 * HOUR, ['queued', 'success', 'inactive']);
    github.deploy(15, 9, T0 + 11 * HOUR, ['success'], 'staging');
    github.deploy(16, 12, T0 + 13 * HOUR);
    const { sync, status, deployments } = await startBackend({
      databases,
      id,
      github: { pageSize: 2, requests },
    });

    await sync();

    expect(await status()).toMatchObject({
      lastError: null,
      lastRun: { accepted: 5, updated: 0, unmatched: 0 },
      cursors: [
        {
          scope: 'acme/cart',
          cursor: JSON.stringify({
            mode: 'deployments',
            lastId: 16,
            bases: { production: sha(12) },
          }),
        },
      ],
    });
    const stored = await deployments();
    expect(
      stored.map((d: any) => [d.source, d.id, d.status, d.environment]),
    ).toEqual([
      ['github', 'deployment/16', 'success', 'production'],
      ['github', 'deployment/14', 'success', 'production'],
      ['github', 'deployment/13', 'failure', 'production'],
      ['github', 'deployment/12', 'failure', 'production'],
      ['github', 'deployment/11', 'success', 'production'],
    ]);
    const [d16, d14, d13, , d11] = stored;
    expect(changeShas(d11)).toEqual([sha(2)]);
    // Failures shipped nothing: the base stays the last success.
    expect(changeShas(d13)).toEqual([3, 4, 5, 6].map(sha));
    expect(changeShas(d14)).toEqual([3, 4, 5, 6, 7, 8, 9].map(sha));
    expect(changeShas(d16)).toEqual([10, 11, 12].map(sha));
    expect(d16).toMatchObject({
      commitSha: sha(12),
      startedAt: new Date(T0 + 13 * HOUR).toISOString(),
      finishedAt: new Date(T0 + 13 * HOUR + 2 * 60_000).toISOString(),
    });
    expect(d16.changes[0].committedAt).toBe(
      new Date(T0 + 10 * HOUR).toISOString(),
    );

    // Three pages of deployments, compare paged two commits at a time.
    expect(github.calls(/\/deployments$/).map(r => r.query)).toEqual([
      { per_page: '2', page: '1' },
      { per_page: '2', page: '2' },
      { per_page: '2', page: '3' },
    ]);
    expect(
      github
        .calls(/\/compare\//)
        .filter(r => r.path.endsWith(sha(9)))
        .map(r => r.query.page),
    ).toEqual(['1', '2', '3', '4']);
    // Statuses of the staging deployment are never fetched.
    expect(github.calls(/deployments\/15\/statuses/)).toEqual([]);
    for (const r of github.requests) {
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.apiVersion).toBe('2022-11-28');
      expect(r.accept).toBe('application/vnd.github+json');
    }
    expect(github.requests[0].path).toBe('/repos/acme/cart/deployments');

    // A second run finds nothing new and asks only for the first page.
    github.requests.length = 0;
    await sync();
    expect(github.requests.map(r => r.path)).toEqual([
      '/repos/acme/cart/deployments',
    ]);
    expect((await status()).lastRun).toEqual({
      accepted: 0,
      updated: 0,
      unmatched: 0,
    });
    expect(await deployments()).toHaveLength(5);
  });

  it('holds the cursor before a deployment still under way, then ingests it once it is final', async () => {
    const github = fakeGithub();
    github.deploy(21, 1, NOW - 5 * HOUR);
    github.deploy(22, 3, NOW - 4 * HOUR, ['in_progress']);
    github.deploy(23, 4, NOW - 3 * HOUR);
    const { sync, status, deployments } = await startBackend({
      databases,
      id,
      github: { requests },
    });

    await sync();
    expect(JSON.parse((await status()).cursors[0].cursor)).toEqual({
      mode: 'deployments',
      lastId: 21,
      bases: { production: sha(1) },
    });
    let stored = await deployments();
    expect(stored.map((d: any) => d.id)).toEqual([
      'deployment/23',
      'deployment/21',
    ]);
    expect(changeShas(stored[0])).toEqual([2, 3, 4].map(sha));

    github.statuses.get(22)!.push({
      id: 2299,
      state: 'success',
      created_at: new Date(NOW - 3.5 * HOUR).toISOString(),
    });
    await sync();

    expect(JSON.parse((await status()).cursors[0].cursor).lastId).toBe(23);
    expect((await status()).lastRun).toMatchObject({ accepted: 2, updated: 1 });
    stored = await deployments();
    expect(stored.map((d: any) => d.id)).toEqual([
      'deployment/23',
      'deployment/22',
      'deployment/21',
    ]);
    // Now that 22 shipped 2 and 3, 23 shipped only 4.
    expect(changeShas(stored[0])).toEqual([sha(4)]);
    expect(changeShas(stored[1])).toEqual([2, 3].map(sha));
  });

  it('reads no further back than lookbackDays on the first sync', async () => {
    const github = fakeGithub();
    github.deploy(31, 1, NOW - 10 * DAY);
    github.deploy(32, 2, NOW - 2 * DAY);
    const { sync, deployments } = await startBackend({
      databases,
      id,
      github: { lookbackDays: 5, requests },
    });
    await sync();
    expect((await deployments()).map((d: any) => d.id)).toEqual([
      'deployment/32',
    ]);
    expect(github.calls(/deployments\/31/)).toEqual([]);
  });

  it('waits out a 429 with Retry-After and a 403 with no remaining rate limit', async () => {
    const github = fakeGithub();
    github.deploy(41, 1, NOW - 2 * HOUR);
    let limited = 0;
    github.interceptors.push(r => {
      if (r.path.endsWith('/deployments') && limited === 0) {
        limited++;
        return new HttpResponse(null, {
          status: 429,
          headers: { 'Retry-After': '1' },
        });
      }
      if (r.path.endsWith('/statuses') && limited === 1) {
        limited++;
        return HttpResponse.json(
          { message: 'API rate limit exceeded' },
          {
            status: 403,
            headers: {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2),
            },
          },
        );
      }
      return undefined;
    });
    const { sync, status, deployments } = await startBackend({
      databases,
      id,
      github: { requests },
    });

    const started = Date.now();
    await sync();

    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(github.calls(/\/deployments$/)).toHaveLength(2);
    expect(github.calls(/\/statuses$/)).toHaveLength(2);
    expect((await status()).lastError).toBeNull();
    expect(await deployments()).toHaveLength(1);
  });

  it('fails a run through a 5xx storm without moving the cursor, then resumes after recovery', async () => {
    const github = fakeGithub();
    github.deploy(51, 1, NOW - 2 * HOUR);
    let storm = true;
    github.interceptors.push(() =>
      storm
        ? new HttpResponse('busy', {
            status: 503,
            statusText: 'Service Unavailable',
          })
        : undefined,
    );
    const { sync, status, deployments } = await startBackend({
      databases,
      id,
      github: { requests },
    });

    await sync();
    const failed = await status();
    expect(failed).toMatchObject({
      lastError:
        'GET https://api.github.com/repos/acme/cart/deployments failed after 3 attempts: 503 Service Unavailable',
      failedRuns: 1,
      cursors: [],
    });
    expect(JSON.stringify(failed)).not.toContain(TOKEN);
    expect(github.requests).toHaveLength(3);
    expect(await deployments()).toEqual([]);

    storm = false;
    await sync();
    expect(await status()).toMatchObject({
      lastError: null,
      runs: 2,
      failedRuns: 1,
      cursors: [expect.objectContaining({ scope: 'acme/cart' })],
    });
    expect(await deployments()).toHaveLength(1);
  });

  it('resumes after a crash mid-sync from the saved cursor, with no gap and no duplicate', async () => {
    const github = fakeGithub();
    github.deploy(61, 1, NOW - 5 * HOUR);
    github.deploy(62, 3, NOW - 4 * HOUR);
    github.deploy(63, 5, NOW - 3 * HOUR);
    github.deploy(64, 7, NOW - 2 * HOUR);
    let down = true;
    github.interceptors.push(r =>
      down && r.path.endsWith(`...${sha(5)}`)
        ? new HttpResponse(null, { status: 502 })
        : undefined,
    );
    const first = await startBackend({ databases, id, github: { requests } });
    await first.sync();
    const crashed = await first.status();
    expect(crashed.lastError).toMatch(
      /compare\/.*failed after 3 attempts: 502/,
    );
    expect(JSON.parse(crashed.cursors[0].cursor).lastId).toBe(62);
    expect((await first.deployments()).map((d: any) => d.id)).toEqual([
      'deployment/62',
      'deployment/61',
    ]);
    await first.backend.stop();

    // A new backend instance on the same database, GitHub healthy again.
    down = false;
    github.requests.length = 0;
    const second = await startBackend({
      databases,
      id,
      knex: first.knex,
      github: { requests },
    });
    await second.sync();

    expect(github.calls(/deployments\/6[12]\/statuses/)).toEqual([]);
    expect(await second.status()).toMatchObject({
      lastError: null,
      lastRun: { accepted: 2, updated: 0 },
    });
    const stored = await second.deployments();
    expect(stored.map((d: any) => d.id)).toEqual([
      'deployment/64',
      'deployment/63',
      'deployment/62',
      'deployment/61',
    ]);
    expect(changeShas(stored[1])).toEqual([4, 5].map(sha));
    expect(changeShas(stored[0])).toEqual([6, 7].map(sha));
    const rows = await first
      .knex('dora_deployments')
      .where({ source: 'github' });
    expect(rows).toHaveLength(4);
  });

  it('gives each entity of a shared repository its own event and skips malformed slugs', async () => {
    const github = fakeGithub();
    github.deploy(71, 1, NOW - 2 * HOUR);
    const { sync, status, deployments } = await startBackend({
      databases,
      id,
      github: { requests },
      entities: [
        component('cart', 'acme/cart'),
        component('cart-worker', 'Acme/Cart'),
        component('odd', 'not-a-slug'),
      ],
    });
    await sync();
    expect((await status()).lastError).toBeNull();
    expect((await deployments()).map((d: any) => d.id)).toEqual([
      'deployment/71/component:default/cart',
    ]);
    expect(
      (await deployments('component:default/cart-worker')).map(
        (d: any) => d.id,
      ),
    ).toEqual(['deployment/71/component:default/cart-worker']);
  });

  it('syncs finished runs of the configured workflow in workflowRuns mode', async () => {
    const github = fakeGithub();
    const run = (
      runId: number,
      n: number,
      hoursAgo: number,
      status: string,
      conclusion: string | null,
    ) => ({
      id: runId,
      head_sha: sha(n),
      head_branch: 'main',
      path: '.github/workflows/deploy.yml',
      status,
      conclusion,
      created_at: new Date(NOW - hoursAgo * HOUR).toISOString(),
      updated_at: new Date(NOW - hoursAgo * HOUR + 90_000).toISOString(),
      run_started_at: new Date(NOW - hoursAgo * HOUR + 5_000).toISOString(),
    });
    github.commitCount = 9;
    github.runs.push(
      run(91, 2, 6, 'completed', 'success'),
      run(92, 4, 5, 'completed', 'failure'),
      run(93, 5, 4, 'completed', 'cancelled'),
      run(94, 6, 3, 'completed', 'success'),
      run(95, 8, 2, 'in_progress', null),
    );
    const { sync, status, deployments } = await startBackend({
      databases,
      id,
      github: {
        mode: 'workflowRuns',
        workflow: 'deploy.yml',
        branch: 'main',
        workflowEnvironment: 'prod',
        pageSize: 3,
        requests,
      },
    });

    await sync();

    const stored = await deployments();
    expect(stored.map((d: any) => [d.id, d.status, d.environment])).toEqual([
      ['workflow-run/94', 'success', 'prod'],
      ['workflow-run/92', 'failure', 'prod'],
      ['workflow-run/91', 'success', 'prod'],
    ]);
    expect(changeShas(stored[0])).toEqual([3, 4, 5, 6].map(sha));
    expect(stored[0]).toMatchObject({
      startedAt: new Date(NOW - 3 * HOUR + 5_000).toISOString(),
      finishedAt: new Date(NOW - 3 * HOUR + 90_000).toISOString(),
    });
    // The run under way holds the cursor at the last one before it.
    expect(JSON.parse((await status()).cursors[0].cursor)).toEqual({
      mode: 'workflowRuns',
      lastId: 94,
      bases: { prod: sha(6) },
    });
    expect(github.calls(/\/runs$/).map(r => [r.path, r.query])).toEqual([
      [
        '/repos/acme/cart/actions/workflows/deploy.yml/runs',
        { branch: 'main', per_page: '3', page: '1' },
      ],
      [
        '/repos/acme/cart/actions/workflows/deploy.yml/runs',
        { branch: 'main', per_page: '3', page: '2' },
      ],
    ]);

    Object.assign(github.runs[4], {
      status: 'completed',
      conclusion: 'success',
    });
    await sync();
    expect((await deployments())[0].id).toBe('workflow-run/95');
    expect(changeShas((await deployments())[0])).toEqual([7, 8].map(sha));
    expect(JSON.parse((await status()).cursors[0].cursor).lastId).toBe(95);
  });
});
