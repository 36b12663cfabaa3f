import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { FakeGithubApi, ScmCall } from '../../__testUtils__/fakeGithubApi';
import { FakeGitlabApi } from '../../__testUtils__/fakeGitlabApi';
import {
  BRANCH,
  fakeFleetHosts,
  GITHUB_TOKEN,
  GITLAB_TOKEN,
  nobodyManages,
  ref,
  startFleetBackend as start,
} from '../../__testUtils__/fleetBackend';

jest.setTimeout(120_000);

const msw = setupServer(
  // supertest talks to the test backend on this machine
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/, () =>
    passthrough(),
  ),
);
registerMswTestHooks(msw);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const pullUrl = (slug: string, n: number) =>
  `https://github.com/${slug}/pull/${n}`;
const creates = (calls: ScmCall[], repo: string, path: string) =>
  calls.filter(
    c =>
      c.repo === repo &&
      c.method === 'POST' &&
      c.path === path &&
      !c.failedWith,
  );

describe.each(databases.eachSupportedId())(
  'campaign fleet upgrades on %p',
  id => {
    let github: FakeGithubApi;
    let gitlab: FakeGitlabApi;
    beforeEach(async () => {
      ({ github, gitlab } = await fakeFleetHosts());
      msw.use(...github.handlers(), ...gitlab.handlers());
    });
    const allCalls = () => [...github.calls, ...gitlab.calls];

    it('opens one pull or merge request per lagging entity, waits out a 429, and opens nothing more when run again', async () => {
      github.failNext(
        c =>
          c.repo === 'acme/svc-a' && c.method === 'POST' && c.path === '/pulls',
        () =>
          HttpResponse.json(
            {
              message: 'API rate limit exceeded for installation ID 1.',
              documentation_url:
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
            },
            {
              status: 429,
              headers: {
                'retry-after': '1',
                'x-ratelimit-limit': '5000',
                'x-ratelimit-remaining': '0',
                'x-ratelimit-used': '5000',
                'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
                'x-ratelimit-resource': 'core',
              },
            },
          ),
      );
      const api = await start(await databases.init(id));
      const started = await api.upgrade();
      expect(started.status).toBe(202);
      expect(started.body).toEqual({ started: 3 });

      const byName = await api.settled(u => Object.keys(u).length === 3);
      expect(byName).toEqual({
        'svc-a': expect.objectContaining({
          entityRef: ref('svc-a'),
          state: 'opened',
          repository: 'acme/svc-a',
          changeRequest: { number: 42, url: pullUrl('acme/svc-a', 42) },
        }),
        'svc-b': expect.objectContaining({
          state: 'opened',
          repository: 'acme/svc-b',
          changeRequest: { number: 42, url: pullUrl('acme/svc-b', 42) },
        }),
        'svc-c': expect.objectContaining({
          state: 'opened',
          repository: 'acme/platform/svc-c',
          changeRequest: {
            number: 1,
            url: 'https://gitlab.com/acme/platform/svc-c/-/merge_requests/1',
          },
        }),
      });
      expect(byName['svc-a'].reason).toBeUndefined();

      // One change request each, from the upgrade branch, carrying 1.1.0.
      for (const slug of ['acme/svc-a', 'acme/svc-b']) {
        expect(github.pulls(slug)).toEqual([
          expect.objectContaining({ head: BRANCH, base: 'main' }),
        ]);
        expect(
          github.filesAt(slug, BRANCH)?.get('.paved-road/answers.yaml'),
        ).toContain('version: 1.1.0');
        expect(
          github.filesAt(slug, 'main')?.get('.paved-road/answers.yaml'),
        ).toContain('version: 1.0.0');
      }
      expect(gitlab.mergeRequests('acme/platform/svc-c')).toEqual([
        expect.objectContaining({
          source_branch: BRANCH,
          target_branch: 'main',
        }),
      ]);
      expect(
        gitlab.filesAt('acme/platform/svc-c', BRANCH)?.get('.gitlab-ci.yml'),
      ).toBeDefined();
      // The up-to-date entity is left alone.
      expect(github.calls.filter(c => c.repo === 'acme/svc-current')).toEqual(
        [],
      );
      // Every call carried the integration's token.
      expect(github.calls.every(c => c.auth === `token ${GITHUB_TOKEN}`)).toBe(
        true,
      );
      expect(gitlab.calls.every(c => c.auth === `Bearer ${GITLAB_TOKEN}`)).toBe(
        true,
      );

      // The 429 was retried after the second GitHub asked for.
      const pullPosts = github.calls.filter(
        c =>
          c.repo === 'acme/svc-a' && c.method === 'POST' && c.path === '/pulls',
      );
      expect(pullPosts.map(c => c.failedWith)).toEqual([429, undefined]);
      expect(pullPosts[1].at - pullPosts[0].at).toBeGreaterThanOrEqual(950);

      // Run again: nothing left to do, nothing sent.
      const callsBefore = allCalls().length;
      const again = await api.upgrade();
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ started: 0 });
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(allCalls()).toHaveLength(callsBefore);
      expect(await api.detail()).toHaveLength(3);
    });

    it('stores a failure half-way with its reason and no token, then resumes from the pushed branch without duplicates', async () => {
      github.failNext(
        c =>
          c.repo === 'acme/svc-b' && c.method === 'POST' && c.path === '/pulls',
        () => HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
      );
      const api = await start(await databases.init(id));
      expect((await api.upgrade()).body).toEqual({ started: 3 });
      const first = await api.settled(u => Object.keys(u).length === 3);
      expect(first['svc-a'].state).toBe('opened');
      expect(first['svc-c'].state).toBe('opened');
      expect(first['svc-b']).toMatchObject({
        state: 'failed',
        repository: 'acme/svc-b',
        reason:
          'Cannot open a pull request in acme/svc-b: GitHub answered 500: Server Error',
      });
      expect(first['svc-b'].changeRequest).toBeUndefined();
      expect(first['svc-b'].reason).not.toContain(GITHUB_TOKEN);
      expect(first['svc-b'].reason).not.toContain(GITLAB_TOKEN);
      expect(github.filesAt('acme/svc-b', BRANCH)).toBeDefined();
      expect(github.pulls('acme/svc-b')).toEqual([]);

      const resumedAt = Date.now();
      const resumed = await api.upgrade();
      expect(resumed.status).toBe(202);
      expect(resumed.body).toEqual({ started: 1 });
      const second = await api.settled(u => u['svc-b'].state !== 'failed');
      expect(second['svc-b']).toMatchObject({
        state: 'opened',
        changeRequest: { number: 42, url: pullUrl('acme/svc-b', 42) },
      });
      expect(second['svc-b'].reason).toBeUndefined();
      // Only svc-b was visited again; its branch was reused, not recommitted.
      const later = allCalls().filter(c => c.at >= resumedAt);
      expect(new Set(later.map(c => c.repo))).toEqual(new Set(['acme/svc-b']));
      for (const path of [
        '/git/refs',
        '/git/commits',
        '/git/trees',
        '/pulls',
      ]) {
        expect(creates(github.calls, 'acme/svc-b', path)).toHaveLength(1);
      }
      expect(github.pulls('acme/svc-a')).toHaveLength(1);
      expect(github.pulls('acme/svc-b')).toHaveLength(1);
      expect(gitlab.mergeRequests('acme/platform/svc-c')).toHaveLength(1);
    });

    it('after the backend dies mid-run, a new one on the same database finds the pull request already opened', async () => {
      const knex = await databases.init(id);
      const dying = await start(knex);
      const pullCreated = github.hangAfterNextPull('acme/svc-b');
      expect((await dying.upgrade()).body).toEqual({ started: 3 });
      await pullCreated;
      const before = await dying.settled(u => !!u['svc-a']);
      expect(Object.keys(before)).toEqual(['svc-a']);
      await dying.backend.stop();

      const api = await start(knex);
      // svc-a's state survived; svc-b's pull request exists but was never stored.
      expect((await api.detail()).map(u => [u.entityRef, u.state])).toEqual([
        [ref('svc-a'), 'opened'],
      ]);
      const resumed = await api.upgrade();
      expect(resumed.status).toBe(202);
      expect(resumed.body).toEqual({ started: 2 });
      const after = await api.settled(u => Object.keys(u).length === 3);
      expect(after['svc-a'].state).toBe('opened');
      expect(after['svc-b']).toMatchObject({
        state: 'already-open',
        changeRequest: { number: 42, url: pullUrl('acme/svc-b', 42) },
      });
      expect(after['svc-c'].state).toBe('opened');
      expect(github.pulls('acme/svc-a')).toHaveLength(1);
      expect(github.pulls('acme/svc-b')).toHaveLength(1);
      expect(creates(github.calls, 'acme/svc-b', '/pulls')).toHaveLength(1);
      expect(creates(github.calls, 'acme/svc-b', '/git/refs')).toHaveLength(1);
      expect(gitlab.mergeRequests('acme/platform/svc-c')).toHaveLength(1);
    });

    it('answers 403 without scorecard.campaign.manage and sends nothing to GitHub or GitLab', async () => {
      const api = await start(await databases.init(id), nobodyManages);
      const denied = await api.upgrade();
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('scorecard.campaign.manage'),
      });
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(allCalls()).toEqual([]);
      expect(await api.detail()).toEqual([]);
    });
  },
);
