import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { DoraDeploymentEvent } from '@paved-road/plugin-dora-common';
import { VendorRequestError } from '@paved-road/plugin-dora-node';
import { fakeSyncContext } from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { component } from './__testUtils__/entities';
import {
  API,
  NOW,
  TOKEN,
  createGitlabProvider,
} from './__testUtils__/gitlabProvider';
import {
  DAY,
  FakeGitlab,
  HOUR,
  at,
  gitlabCommit,
  gitlabDeployment,
} from './__testUtils__/fakeGitlab';

const server = setupServer();
registerMswTestHooks(server);

function setup(
  options: {
    dora?: object;
    entities?: ReturnType<typeof component>[];
    token?: string;
  } = {},
) {
  return createGitlabProvider(server, {
    gitlab: options.dora,
    token: options.token,
    entities: options.entities ?? [
      component('payments', { 'gitlab.com/project-slug': 'acme/payments' }),
      component('ledger', { 'gitlab.com/project-id': '102' }),
    ],
  });
}

/** Five production deployments a day apart; the second ships two MRs. */
function paymentsProject(gitlab: FakeGitlab) {
  gitlab.addProject({ id: 102, path_with_namespace: 'acme/platform/ledger' });
  return gitlab.addProject({
    id: 101,
    path_with_namespace: 'acme/payments',
    deployments: [1, 2, 3, 4, 5].map(n => gitlabDeployment(n, n * DAY)),
    mergeRequests: { 2: [{ iid: 7 }, { iid: 8 }] },
    commits: {
      7: [
        gitlabCommit('a'.repeat(40), DAY + HOUR),
        gitlabCommit('b'.repeat(40), DAY + 2 * HOUR),
      ],
      8: [
        gitlabCommit('b'.repeat(40), DAY + 2 * HOUR),
        gitlabCommit('c'.repeat(40), DAY + 3 * HOUR),
      ],
    },
  });
}

const ids = (events: Array<{ id: string }>) => events.map(e => e.id);

describe('GitlabDoraProvider.sync', () => {
  it('pages through successful deployments since the lookback, with merge request commits as changes', async () => {
    const { gitlab, provider } = setup();
    paymentsProject(gitlab);
    const { context, stored, cursors, calls } =
      fakeSyncContext<DoraDeploymentEvent>();

    await provider.sync(context);

    const listing = gitlab.requestsTo('/projects/101/deployments');
    expect(listing.map(r => r.query.get('page'))).toEqual(['1', '2', '3']);
    for (const request of listing) {
      expect(Object.fromEntries(request.query)).toMatchObject({
        order_by: 'finished_at',
        sort: 'asc',
        status: 'success',
        finished_after: new Date(NOW - 90 * DAY).toISOString(),
        per_page: '2',
      });
    }
    expect(gitlab.requests.every(r => r.token === TOKEN)).toBe(true);
    // One ingest and one cursor per page, in GitLab's order.
    expect(calls.map(ids)).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(stored.get('deployment/gitlab/2')).toEqual({
      kind: 'deployment',
      source: 'gitlab',
      id: '2',
      entityRef: 'component:default/payments',
      environment: 'production',
      status: 'success',
      startedAt: at(2 * DAY - 300_000),
      finishedAt: at(2 * DAY),
      commitSha: '0002'.repeat(10),
      changes: [
        { sha: 'a'.repeat(40), committedAt: at(DAY + HOUR) },
        { sha: 'b'.repeat(40), committedAt: at(DAY + 2 * HOUR) },
        { sha: 'c'.repeat(40), committedAt: at(DAY + 3 * HOUR) },
      ],
      rework: false,
    });
    // No merge request: the deployment's own commit (committed_date).
    expect(stored.get('deployment/gitlab/1')?.changes).toEqual([
      { sha: '0001'.repeat(10), committedAt: at(DAY - 2 * HOUR) },
    ]);
    expect(JSON.parse(cursors.get('101')!)).toEqual({
      finishedAt: at(5 * DAY),
      id: 5,
    });
    // The ledger project is looked up by id and has no deployments yet.
    expect(gitlab.requestsTo('/projects/102')).toHaveLength(1);
    expect(cursors.has('102')).toBe(false);
  });

  it('resumes from the cursor: the next run asks from there and ingests only newer deployments', async () => {
    const { gitlab, provider } = setup();
    const project = paymentsProject(gitlab);
    const { context, calls } = fakeSyncContext<DoraDeploymentEvent>();
    await provider.sync(context);
    gitlab.requests.length = 0;
    calls.length = 0;
    project.deployments.push(gitlabDeployment(6, 6 * DAY));

    await provider.sync(context);

    const [first] = gitlab.requestsTo('/projects/101/deployments');
    expect(first.query.get('finished_after')).toBe(at(5 * DAY - 1000));
    expect(calls.map(ids)).toEqual([['6']]);
    // Merge requests only asked for the new deployment.
    expect(
      gitlab.requests
        .filter(r => r.path.endsWith('/merge_requests'))
        .map(r => r.path),
    ).toEqual(['/projects/101/deployments/6/merge_requests']);
  });

  it('resumes after a crash between pages with no gap and no duplicate', async () => {
    const { gitlab, provider } = setup();
    paymentsProject(gitlab);
    const crashing = fakeSyncContext<DoraDeploymentEvent>({
      failIngestOnCall: 2,
    });

    await expect(provider.sync(crashing.context)).rejects.toThrow(
      'Simulated crash',
    );
    expect(JSON.parse(crashing.cursors.get('101')!)).toEqual({
      finishedAt: at(2 * DAY),
      id: 2,
    });

    // Same store and cursors, a healthy backend.
    const resumed = fakeSyncContext<DoraDeploymentEvent>();
    for (const [k, v] of crashing.cursors) resumed.cursors.set(k, v);
    for (const [k, v] of crashing.stored) resumed.stored.set(k, v);
    await provider.sync(resumed.context);

    // Re-read from the cursor: what it already covers is not sent again.
    expect(resumed.calls.flatMap(ids)).toEqual(['3', '4', '5']);
    expect([...resumed.stored.keys()].sort()).toEqual(
      [1, 2, 3, 4, 5].map(n => `deployment/gitlab/${n}`),
    );
  });

  it('waits as long as Retry-After and RateLimit-Reset ask, then carries on', async () => {
    const { gitlab, provider } = setup();
    paymentsProject(gitlab);
    let listCalls = 0;
    let mergeRequestCalls = 0;
    server.use(
      http.get(`${API}/projects/101/deployments`, () => {
        listCalls += 1;
        return listCalls === 1
          ? new HttpResponse(null, {
              status: 429,
              headers: { 'Retry-After': '1' },
            })
          : undefined;
      }),
      http.get(`${API}/projects/101/deployments/2/merge_requests`, () => {
        mergeRequestCalls += 1;
        return mergeRequestCalls === 1
          ? new HttpResponse(null, {
              status: 429,
              headers: {
                'RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 1),
              },
            })
          : undefined;
      }),
    );
    const { context, stored } = fakeSyncContext<DoraDeploymentEvent>();

    const started = Date.now();
    await provider.sync(context);

    expect(listCalls).toBe(4); // three pages, the first one twice
    expect(mergeRequestCalls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(stored.size).toBe(5);
    expect(stored.get('deployment/gitlab/2')?.changes).toHaveLength(3);
  });

  it('stops on a 5xx storm without moving the cursor; the next run after recovery resumes', async () => {
    const { gitlab, provider } = setup();
    paymentsProject(gitlab);
    let attempts = 0;
    server.use(
      http.get(`${API}/projects/101/deployments`, ({ request }) => {
        if (new URL(request.url).searchParams.get('page') !== '2')
          return undefined;
        attempts += 1;
        return new HttpResponse('upstream down', { status: 503 });
      }),
    );
    const { context, cursors, stored } = fakeSyncContext<DoraDeploymentEvent>();

    const error = await provider.sync(context).catch(e => e);
    expect(error).toBeInstanceOf(VendorRequestError);
    expect(error.message).toContain('failed after 3 attempts: 503');
    expect(attempts).toBe(3);
    // Page 1 was stored and its cursor saved; nothing after it.
    expect(JSON.parse(cursors.get('101')!).id).toBe(2);
    expect([...stored.keys()]).toEqual([
      'deployment/gitlab/1',
      'deployment/gitlab/2',
    ]);

    server.resetHandlers();
    server.use(...gitlab.handlers());
    await provider.sync(context);
    expect(JSON.parse(cursors.get('101')!).id).toBe(5);
    expect(stored.size).toBe(5);
  });

  it("fails the run with GitLab's answer, never the token, when the token is refused", async () => {
    const { gitlab, provider } = setup({ token: 'glpat-wrong' });
    paymentsProject(gitlab);
    const { context, stored } = fakeSyncContext<DoraDeploymentEvent>();

    const error = await provider.sync(context).catch(e => e);

    expect(error.message).toMatch(
      /GitLab GET \/api\/v4\/projects\/acme%2Fpayments failed; caused by ResponseError: Request failed with 401/,
    );
    expect(error.message).not.toContain('glpat-wrong');
    expect(gitlab.requests[0].token).toBe('glpat-wrong');
    expect(stored.size).toBe(0);
  });

  it('counts deployments of group projects no entity annotates as unmatched, and names missing projects', async () => {
    const { gitlab, provider } = setup({
      dora: { groups: ['acme'] },
      entities: [
        component('payments', { 'gitlab.com/project-slug': 'ACME/Payments/' }),
        component('ghost', { 'gitlab.com/project-slug': 'acme/deleted' }),
      ],
    });
    paymentsProject(gitlab);
    gitlab.addProject(
      {
        id: 300,
        path_with_namespace: 'acme/unknown',
        deployments: [
          gitlabDeployment(31, DAY),
          gitlabDeployment(32, 2 * DAY),
          gitlabDeployment(33, 3 * DAY, { environment: { name: 'staging' } }),
        ],
      },
      { group: 'acme' },
    );
    const { context, stored, unmatched, cursors } =
      fakeSyncContext<DoraDeploymentEvent>();

    await expect(provider.sync(context)).rejects.toThrow(
      "GitLab sync incomplete (other projects were synced): project 'acme/deleted' does not exist or the token cannot read it",
    );

    expect(unmatched).toEqual([2]);
    expect(
      [...stored.values()].every(
        e => e.entityRef === 'component:default/payments',
      ),
    ).toBe(true);
    expect(stored.size).toBe(5);
    // Counted once: the unmatched project's cursor moves too.
    expect(JSON.parse(cursors.get('300')!).id).toBe(33);
    expect(
      gitlab
        .requestsTo('/groups/acme/projects')[0]
        .query.get('include_subgroups'),
    ).toBe('true');
  });

  it('ingests only the configured environments, asking GitLab for a single name', async () => {
    const { gitlab, provider } = setup({ dora: { environments: ['prod-eu'] } });
    gitlab.addProject({ id: 102, path_with_namespace: 'acme/platform/ledger' });
    gitlab.addProject({
      id: 101,
      path_with_namespace: 'acme/payments',
      deployments: [
        gitlabDeployment(1, DAY, { environment: { name: 'prod-eu' } }),
        gitlabDeployment(2, DAY, { environment: { name: 'production' } }),
      ],
    });
    const { context, stored } = fakeSyncContext<DoraDeploymentEvent>();

    await provider.sync(context);

    expect(
      gitlab
        .requestsTo('/projects/101/deployments')[0]
        .query.get('environment'),
    ).toBe('prod-eu');
    expect([...stored.values()].map(e => [e.id, e.environment])).toEqual([
      ['1', 'prod-eu'],
    ]);
  });

  it('gives each entity sharing a project its own event', async () => {
    const { gitlab, provider } = setup({
      entities: [
        component('api', { 'gitlab.com/project-slug': 'acme/mono' }),
        component('worker', { 'gitlab.com/project-id': '500' }),
      ],
    });
    gitlab.addProject({
      id: 500,
      path_with_namespace: 'acme/mono',
      deployments: [gitlabDeployment(9, DAY)],
    });
    const { context, stored, cursors } = fakeSyncContext<DoraDeploymentEvent>();

    await provider.sync(context);

    expect([...stored.values()].map(e => [e.id, e.entityRef])).toEqual([
      ['9:component:default/api', 'component:default/api'],
      ['9:component:default/worker', 'component:default/worker'],
    ]);
    // Both annotations name one project: synced once, one cursor.
    expect(gitlab.requestsTo('/projects/500/deployments')).toHaveLength(1);
    expect([...cursors.keys()]).toEqual(['500']);
  });
});
