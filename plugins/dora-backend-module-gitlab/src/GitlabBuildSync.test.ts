import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { DoraBuildEvent } from '@paved-road/plugin-dora-common';
import { fakeSyncContext } from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { MAX_PIPELINE_DETAILS } from './GitlabBuildSync';
import { component } from './__testUtils__/entities';
import { API, NOW, createGitlabProvider } from './__testUtils__/gitlabProvider';
import { DAY, HOUR, at } from './__testUtils__/fakeGitlab';
import { GitlabPipeline } from './types';

const server = setupServer();
registerMswTestHooks(server);

/**
 * A pipeline as documented for `GET /projects/:id/pipelines/:pipeline_id`,
 * queued at `createdMs`, running 2 minutes later for `minutes`.
 */
function pipeline(
  id: number,
  createdMs: number,
  status: string,
  extra: Partial<GitlabPipeline> = {},
  minutes = 6,
): GitlabPipeline {
  const finished = createdMs + (2 + minutes) * 60_000;
  return {
    id,
    iid: id,
    project_id: 101,
    name: 'Build pipeline',
    status,
    ref: 'main',
    sha: `${id}`.padStart(40, 'a'),
    before_sha: '0'.repeat(40),
    tag: false,
    created_at: at(createdMs),
    updated_at: at(finished + 1000),
    started_at: at(createdMs + 2 * 60_000),
    finished_at: at(finished),
    committed_at: null,
    duration: minutes * 60,
    queued_duration: 120,
    coverage: null,
    web_url: `https://gitlab.com/acme/payments/-/pipelines/${id}`,
    ...extra,
  } as GitlabPipeline;
}

function setup(
  pipelines: GitlabPipeline[],
  builds: object = { enabled: true },
) {
  const created = createGitlabProvider(server, {
    gitlab: { builds },
    entities: [
      component('payments', { 'gitlab.com/project-slug': 'acme/payments' }),
    ],
  });
  created.gitlab.addProject({
    id: 101,
    path_with_namespace: 'acme/payments',
    pipelines,
  });
  return created;
}

const buildIds = (stored: Map<string, DoraBuildEvent>) =>
  [...stored.values()].filter(e => e.kind === 'build').map(e => e.id);

describe('GitlabDoraProvider builds', () => {
  it('maps finished pipelines with the single-pipeline times, skips other statuses, and reads none when off', async () => {
    const off = setup([pipeline(1, DAY, 'success')], {});
    await off.provider.sync(fakeSyncContext().context);
    expect(off.gitlab.requestsTo('/projects/101/pipelines')).toHaveLength(0);

    const { gitlab, provider } = setup([
      pipeline(1, DAY, 'success'),
      pipeline(2, DAY + HOUR, 'failed', { name: null, ref: 'feature/x' }),
      pipeline(3, DAY + 2 * HOUR, 'canceled', {
        name: 'n'.repeat(300),
        started_at: null,
      }),
      pipeline(4, DAY + 3 * HOUR, 'skipped'),
      pipeline(5, DAY + 3 * HOUR, 'manual'),
      pipeline(6, DAY + 3 * HOUR, 'running', { finished_at: null }),
    ]);
    const { context, stored, cursors } = fakeSyncContext<DoraBuildEvent>();

    await provider.sync(context);

    const listing = gitlab.requestsTo('/projects/101/pipelines');
    expect(listing.map(r => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(Object.fromEntries(listing[0].query)).toMatchObject({
      order_by: 'updated_at',
      sort: 'asc',
      updated_after: new Date(NOW - 90 * DAY).toISOString(),
    });
    // Details only for the finished ones.
    expect(
      gitlab.requests
        .filter(r => /^\/projects\/101\/pipelines\/\d+$/.test(r.path))
        .map(r => r.path),
    ).toEqual([1, 2, 3].map(n => `/projects/101/pipelines/${n}`));
    expect(stored.get('build/gitlab/1')).toEqual({
      kind: 'build',
      source: 'gitlab',
      id: '1',
      entityRef: 'component:default/payments',
      pipeline: 'Build pipeline',
      status: 'success',
      startedAt: at(DAY + 2 * 60_000),
      finishedAt: at(DAY + 8 * 60_000),
      commitSha: '1'.padStart(40, 'a'),
    });
    expect(stored.get('build/gitlab/2')).toMatchObject({
      status: 'failure',
      pipeline: 'feature/x',
    });
    // Cancelled before it started: from its creation.
    expect(stored.get('build/gitlab/3')).toMatchObject({
      status: 'cancelled',
      pipeline: 'n'.repeat(200),
      startedAt: at(DAY + 2 * HOUR),
    });
    expect(buildIds(stored)).toEqual(['1', '2', '3']);
    expect(JSON.parse(cursors.get('builds:101')!)).toEqual({
      finishedAt: at(DAY + 3 * HOUR + 8 * 60_000 + 1000),
      id: 6,
    });
  });

  it('resumes from the cursor and picks up a pipeline once it finishes', async () => {
    const { gitlab, provider } = setup([
      pipeline(1, DAY, 'success'),
      pipeline(2, DAY + HOUR, 'running', { finished_at: null }),
    ]);
    const { context, stored, cursors } = fakeSyncContext<DoraBuildEvent>();
    await provider.sync(context);
    expect(buildIds(stored)).toEqual(['1']);
    const saved = JSON.parse(cursors.get('builds:101')!);
    expect(saved.id).toBe(2);

    // It finishes (GitLab moves updated_at), and a third one runs.
    gitlab.project(101).pipelines[1] = pipeline(
      2,
      DAY + HOUR,
      'failed',
      { updated_at: at(2 * DAY) },
      30,
    );
    gitlab.project(101).pipelines.push(pipeline(3, 2 * DAY, 'success'));
    gitlab.requests.length = 0;
    await provider.sync(context);

    expect(
      gitlab
        .requestsTo('/projects/101/pipelines')[0]
        .query.get('updated_after'),
    ).toBe(new Date(Date.parse(saved.finishedAt) - 1000).toISOString());
    expect(gitlab.requestsTo('/projects/101/pipelines/1')).toHaveLength(0);
    expect(buildIds(stored)).toEqual(['1', '2', '3']);
    expect(stored.get('build/gitlab/2')).toMatchObject({
      status: 'failure',
      finishedAt: at(DAY + HOUR + 32 * 60_000),
    });
  });

  it('retries a 429 on the pipeline list', async () => {
    const { provider } = setup([pipeline(1, DAY, 'success')]);
    let listCalls = 0;
    server.use(
      http.get(`${API}/projects/101/pipelines`, () => {
        listCalls += 1;
        return listCalls === 1
          ? new HttpResponse(null, {
              status: 429,
              headers: { 'Retry-After': '1' },
            })
          : undefined;
      }),
    );
    const { context, stored } = fakeSyncContext<DoraBuildEvent>();
    const started = Date.now();
    await provider.sync(context);
    expect(listCalls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(buildIds(stored)).toEqual(['1']);
  });

  it(`reads at most ${MAX_PIPELINE_DETAILS} pipelines in detail per sync; the next sync goes on`, async () => {
    const count = MAX_PIPELINE_DETAILS + 5;
    const { gitlab, provider } = setup(
      Array.from({ length: count }, (_, i) =>
        pipeline(i + 1, DAY + i * HOUR, 'success'),
      ),
    );
    const details = () =>
      gitlab.requests.filter(r => /pipelines\/\d+$/.test(r.path)).length;
    const { context, stored, cursors } = fakeSyncContext<DoraBuildEvent>();

    await provider.sync(context);
    expect(details()).toBe(MAX_PIPELINE_DETAILS);
    expect(stored.size).toBe(MAX_PIPELINE_DETAILS);
    expect(JSON.parse(cursors.get('builds:101')!).id).toBe(
      MAX_PIPELINE_DETAILS,
    );

    await provider.sync(context);
    expect(details()).toBe(count);
    expect(stored.size).toBe(count);
  });
});
