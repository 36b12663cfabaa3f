import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { HttpResponse } from 'msw';
import {
  FakeGithub,
  HOUR,
  setupGithubServer,
  sha,
} from './__testUtils__/FakeGithub';
import { component, startBackend } from './__testUtils__/startBackend';
import { GithubWorkflowRun } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const server = setupGithubServer();
registerMswTestHooks(server);

const NOW = Date.now();
const requests = { maxAttempts: 3, initialBackoff: '1ms', maxWait: '10s' };
const iso = (t: number) => new Date(t).toISOString();

/**
 * A run as documented for `GET /repos/{owner}/{repo}/actions/runs`
 * (trimmed of URLs and nested objects the module does not read), started
 * `at` and lasting `minutes`.
 */
function run(
  id: number,
  at: number,
  status: string,
  conclusion: string | null,
  extra: Partial<GithubWorkflowRun> = {},
  minutes = 7,
): GithubWorkflowRun {
  return {
    id,
    name: 'Build',
    node_id: `MDEyOldvcmtmbG93IFJ1bjI2OTI4OQ==${id}`,
    head_branch: 'main',
    head_sha: sha(id),
    path: '.github/workflows/build.yml',
    display_title: 'Update README.md',
    run_number: id,
    event: 'push',
    status,
    conclusion,
    workflow_id: 159038,
    check_suite_id: 414944374,
    created_at: iso(at),
    updated_at: iso(at + minutes * 60_000),
    run_attempt: 1,
    run_started_at: iso(at),
    ...extra,
  } as GithubWorkflowRun;
}

function fakeGithub(runs: GithubWorkflowRun[]) {
  const github = new FakeGithub(NOW - 30 * 24 * HOUR);
  github.repositoryRuns = runs;
  server.use(...github.handlers());
  return github;
}

const builds = async (knex: any) =>
  (await knex('dora_builds').orderBy('external_id')).map((b: any) => ({
    id: b.external_id,
    entityRef: b.entity_ref,
    pipeline: b.pipeline,
    status: b.status,
    startedAt: Number(b.started_at),
    finishedAt: Number(b.finished_at),
    commitSha: b.commit_sha,
  }));

describe.each(databases.eachSupportedId())('GitHub build sync on %p', id => {
  it('maps completed runs of every workflow to builds, skips other conclusions and reads nothing when off', async () => {
    const t = NOW - 5 * HOUR;
    const github = fakeGithub([
      run(101, t, 'completed', 'success'),
      run(102, t + HOUR, 'completed', 'failure', { run_attempt: 2 }),
      run(103, t + 2 * HOUR, 'completed', 'cancelled', {
        name: `Lint ${'x'.repeat(300)}`,
      }),
      run(104, t + 3 * HOUR, 'completed', 'skipped'),
      run(105, t + 3 * HOUR, 'completed', 'neutral'),
      run(106, t + 3 * HOUR, 'completed', 'timed_out'),
      run(107, t + 3 * HOUR, 'completed', 'action_required'),
    ]);
    const off = await startBackend({ databases, id, github: { requests } });
    await off.sync();
    expect(github.calls(/\/actions\/runs$/)).toHaveLength(0);
    expect(await builds(off.knex)).toEqual([]);

    const { sync, status, knex } = await startBackend({
      databases,
      id,
      knex: off.knex,
      github: { requests, pageSize: 3, builds: { enabled: true } },
    });
    await sync();

    expect(github.calls(/\/actions\/runs$/).map(r => r.query.page)).toEqual([
      '1',
      '2',
      '3',
    ]);
    const stored = await builds(knex);
    expect(stored).toEqual([
      {
        id: '101-1',
        entityRef: 'component:default/cart',
        pipeline: 'Build',
        status: 'success',
        startedAt: t,
        finishedAt: t + 7 * 60_000,
        commitSha: sha(101),
      },
      expect.objectContaining({ id: '102-2', status: 'failure' }),
      expect.objectContaining({ id: '103-1', status: 'cancelled' }),
    ]);
    expect(stored[2].pipeline).toBe(`Lint ${'x'.repeat(195)}`);
    expect((await status()).cursors).toContainEqual(
      expect.objectContaining({
        scope: 'builds:acme/cart',
        cursor: JSON.stringify({ lastId: 107 }),
      }),
    );
  });

  it('holds the cursor before a run under way and resumes from the cursor without re-reading older runs', async () => {
    const t = NOW - 3 * HOUR;
    const github = fakeGithub([
      run(200, t - HOUR, 'completed', 'success'),
      run(201, t, 'completed', 'success'),
      run(202, t + HOUR, 'in_progress', null),
      run(203, t + 2 * HOUR, 'completed', 'failure'),
    ]);
    const { sync, status, knex } = await startBackend({
      databases,
      id,
      github: { requests, pageSize: 1, builds: { enabled: true } },
    });

    await sync();
    expect((await builds(knex)).map((b: any) => b.id)).toEqual([
      '200-1',
      '201-1',
      '203-1',
    ]);
    const cursor = async () =>
      (await status()).cursors.find((c: any) => c.scope === 'builds:acme/cart')
        ?.cursor;
    expect(await cursor()).toBe(JSON.stringify({ lastId: 201 }));

    github.repositoryRuns[2] = run(
      202,
      t + HOUR,
      'completed',
      'success',
      {},
      90,
    );
    github.repositoryRuns.push(run(204, t + 2.5 * HOUR, 'queued', null));
    github.requests.length = 0;
    await sync();

    const stored = await builds(knex);
    expect(stored.map((b: any) => [b.id, b.status])).toEqual([
      ['200-1', 'success'],
      ['201-1', 'success'],
      ['202-1', 'success'],
      ['203-1', 'failure'],
    ]);
    expect(stored[2].finishedAt - stored[2].startedAt).toBe(90 * 60_000);
    expect(await cursor()).toBe(JSON.stringify({ lastId: 203 }));
    // 203, after the run that was under way, is sent again: idempotent.
    expect((await status()).lastRun).toMatchObject({ accepted: 2, updated: 1 });
    expect(github.calls(/\/actions\/runs$/).map(r => r.query.page)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]); // 204, 203, 202, then 201: done before
  });

  it('waits out a 429 with Retry-After on the runs listing', async () => {
    const github = fakeGithub([run(301, NOW - HOUR, 'completed', 'success')]);
    let limited = false;
    github.interceptors.push(r => {
      if (r.path.endsWith('/actions/runs') && !limited) {
        limited = true;
        return new HttpResponse(null, {
          status: 429,
          headers: { 'Retry-After': '1' },
        });
      }
      return undefined;
    });
    const { sync, status, knex } = await startBackend({
      databases,
      id,
      github: { requests, builds: { enabled: true } },
    });

    const started = Date.now();
    await sync();

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(github.calls(/\/actions\/runs$/)).toHaveLength(2);
    expect((await status()).lastError).toBeNull();
    expect((await builds(knex)).map((b: any) => b.id)).toEqual(['301-1']);
  });

  it('gives each entity of a shared repository its own build', async () => {
    fakeGithub([run(401, NOW - HOUR, 'completed', 'success')]);
    const { sync, knex } = await startBackend({
      databases,
      id,
      github: { requests, builds: { enabled: true } },
      entities: [component('cart', 'acme/cart'), component('web', 'acme/cart')],
    });
    await sync();
    expect((await builds(knex)).map((b: any) => [b.id, b.entityRef])).toEqual([
      ['401-1/component:default/cart', 'component:default/cart'],
      ['401-1/component:default/web', 'component:default/web'],
    ]);
  });
});
