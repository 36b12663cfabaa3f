import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'yaml';
import { FakeGithub } from '../__testUtils__/fakeGithub';
import { FakeGitlab } from '../__testUtils__/fakeGitlab';
import {
  BACKSTAGE_URL,
  paymentsAnswers,
  renderBuiltin,
  testArchetypes,
  testSkeletons,
} from '../__testUtils__/goldenPathTestUtils';
import { GoldenPathAnswers, RenderedFile } from '../types';
import { GoldenPathUpgrader } from './GoldenPathUpgrader';

const GITLAB_CI = '.gitlab-ci.yml';
const WORKFLOW = '.github/workflows/golden-path.yaml';

const gitlabAnswers: GoldenPathAnswers = {
  ...paymentsAnswers,
  inputs: { ...paymentsAnswers.inputs, ciProvider: 'gitlab-ci' },
};

/** Scaffolded at 1.0.0, then edited: README merges cleanly, CI conflicts. */
function teamEdits(
  files: RenderedFile[],
  ci: { path: string; from: string; to: string },
): Map<string, string> {
  const edit: Record<string, (s: string) => string> = {
    'README.md': s =>
      s.replace('Takes payments\n', 'Takes payments and refunds.\n'),
    [ci.path]: s => s.replace(ci.from, ci.to),
  };
  return new Map(
    files.map(f => [f.path, edit[f.path]?.(f.content) ?? f.content]),
  );
}

const tooManyRequests = () =>
  HttpResponse.json(
    { message: 'Retry later' },
    { status: 429, headers: { 'retry-after': '1' } },
  );

describe('GoldenPathUpgrader', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const upgrader = GoldenPathUpgrader.create({
    archetypes: testArchetypes(),
    skeletons: testSkeletons(),
    backstageBaseUrl: BACKSTAGE_URL,
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', token: 'gh-token' }],
          gitlab: [
            { host: 'gitlab.com', token: 'gl-token' },
            {
              host: 'git.acme.example',
              apiBaseUrl: 'https://git.acme.example/api/v4',
              token: 'acme-token',
            },
          ],
        },
      }),
    ),
    rateLimit: { maxAttempts: 3, maxWaitSeconds: 5 },
  });

  let gitlabV100: RenderedFile[];
  let gitlabV110: Map<string, string>;
  let githubV100: RenderedFile[];
  beforeAll(async () => {
    gitlabV100 = await renderBuiltin(gitlabAnswers);
    gitlabV110 = new Map(
      (await renderBuiltin({ ...gitlabAnswers, version: '1.1.0' })).map(f => [
        f.path,
        f.content,
      ]),
    );
    githubV100 = await renderBuiltin(paymentsAnswers);
  });

  const gitlabProject = (path = 'acme/payments', api?: string) => {
    const gitlab = new FakeGitlab(
      path,
      teamEdits(gitlabV100, {
        path: GITLAB_CI,
        from: 'image: node:20',
        to: 'image: node:21',
      }),
      api,
    );
    server.use(...gitlab.handlers());
    return gitlab;
  };
  const githubRepo = (fullName = 'acme/payments') => {
    const github = new FakeGithub(
      fullName,
      teamEdits(githubV100, {
        path: WORKFLOW,
        from: 'node-version: 20',
        to: 'node-version: 21',
      }),
    );
    server.use(...github.handlers());
    return github;
  };
  const gitlabUrl = 'gitlab.com?owner=acme&repo=payments';
  const githubUrl = 'github.com?owner=acme&repo=payments';
  const mrPosts = (gitlab: FakeGitlab) =>
    gitlab.writes.filter(c => c.path === '/merge_requests');

  describe('GitLab', () => {
    it('commits the changed files on a new branch and opens one merge request', async () => {
      const gitlab = gitlabProject();
      const result = await upgrader.upgrade({ repoUrl: gitlabUrl });

      expect(gitlab.writes.map(c => `${c.method} ${c.path}`)).toEqual([
        'POST /repository/commits',
        'POST /merge_requests',
      ]);
      expect(gitlab.calls.every(c => c.auth === 'Bearer gl-token')).toBe(true);
      const [commit, mr] = gitlab.writes.map(c => c.body);
      expect(commit).toMatchObject({
        branch: 'golden-path/node-service-1.1.0',
        start_branch: 'main',
        commit_message: 'Upgrade golden path node-service to 1.1.0',
      });
      const actions = Object.fromEntries(
        commit.actions.map((a: any) => [a.file_path, a]),
      );
      expect(Object.keys(actions).sort()).toEqual([
        '.gitlab-ci.yml',
        '.paved-road/answers.yaml',
        'README.md',
        'catalog-info.yaml',
        'docs/index.md',
        'docs/runbook.md',
        'mkdocs.yml',
      ]);
      expect(actions['docs/runbook.md'].action).toBe('create');
      expect(actions['mkdocs.yml']).toEqual({
        action: 'update',
        file_path: 'mkdocs.yml',
        content: gitlabV110.get('mkdocs.yml'),
      });
      expect(actions['README.md'].content).toBe(
        gitlabV110
          .get('README.md')!
          .replace('Takes payments\n', 'Takes payments and refunds.\n'),
      );
      expect(actions[GITLAB_CI].content).toContain(
        '<<<<<<< yours\n  image: node:21\n||||||| node-service@1.0.0\n  image: node:20\n=======\n  image: node:22\n>>>>>>> node-service@1.1.0',
      );
      // The branch now holds the upgrade, main is untouched.
      const branch = gitlab.branches.get('golden-path/node-service-1.1.0')!;
      expect(parse(branch.get('.paved-road/answers.yaml')!).version).toBe(
        '1.1.0',
      );
      expect(parse(gitlab.files.get('.paved-road/answers.yaml')!).version).toBe(
        '1.0.0',
      );
      expect(mr).toMatchObject({
        source_branch: 'golden-path/node-service-1.1.0',
        target_branch: 'main',
        title: 'Upgrade golden path node-service to 1.1.0',
        remove_source_branch: true,
      });
      expect(mr.description).toContain(
        '### Conflicts to resolve\n\nThese files carry diff3 conflict markers',
      );
      expect(mr.description).toContain(`- \`${GITLAB_CI}\``);

      expect(result).toEqual({
        state: 'conflicts',
        repository: 'acme/payments',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
        branch: 'golden-path/node-service-1.1.0',
        changeRequest: {
          number: 1,
          url: 'https://gitlab.com/acme/payments/-/merge_requests/1',
        },
        files: Object.keys(actions).sort(),
        conflicts: [GITLAB_CI],
      });
    });

    it('reports opened when nothing conflicts', async () => {
      const gitlab = new FakeGitlab(
        'acme/payments',
        new Map(gitlabV100.map(f => [f.path, f.content])),
      );
      server.use(...gitlab.handlers());
      const result = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(result).toMatchObject({ state: 'opened', conflicts: [] });
      expect(
        gitlab.branches.get('golden-path/node-service-1.1.0')?.get(GITLAB_CI),
      ).toBe(gitlabV110.get(GITLAB_CI));
    });

    it('returns the open merge request on a second run and creates nothing', async () => {
      const gitlab = gitlabProject();
      const first = await upgrader.upgrade({ repoUrl: gitlabUrl });
      const writes = gitlab.writes.length;

      const second = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(second).toEqual({
        state: 'already-open',
        repository: 'acme/payments',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
        branch: 'golden-path/node-service-1.1.0',
        changeRequest: first.changeRequest,
        files: [],
        conflicts: [],
      });
      expect(gitlab.writes).toHaveLength(writes);
      expect(mrPosts(gitlab)).toHaveLength(1);
      expect(gitlab.mergeRequests).toHaveLength(1);
      expect(gitlab.calls.at(-1)?.path).toBe(
        '/merge_requests?source_branch=golden-path%2Fnode-service-1.1.0&target_branch=main&state=all&per_page=100',
      );
    });

    it('resumes a run that crashed after creating the branch and opens exactly one merge request', async () => {
      const gitlab = gitlabProject();
      gitlab.failNext(
        () =>
          HttpResponse.json(
            { message: '500 Internal Server Error' },
            { status: 500 },
          ),
        (method, path) => method === 'POST' && path === '/merge_requests',
      );
      const crashed = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(crashed.state).toBe('failed');
      expect(crashed.reason).toMatch(
        'Cannot open a merge request in acme/payments: GitLab answered 500 Internal Server Error: 500 Internal Server Error',
      );
      expect(gitlab.branches.has('golden-path/node-service-1.1.0')).toBe(true);
      expect(gitlab.mergeRequests).toHaveLength(0);
      const branchBefore = new Map(
        gitlab.branches.get('golden-path/node-service-1.1.0'),
      );

      const resumed = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(resumed).toMatchObject({
        state: 'conflicts',
        changeRequest: { number: 1 },
      });
      // Everything was committed before the crash: no second commit.
      expect(
        gitlab.writes.filter(c => c.path === '/repository/commits'),
      ).toHaveLength(1);
      expect(gitlab.branches.get('golden-path/node-service-1.1.0')).toEqual(
        branchBefore,
      );
      expect(mrPosts(gitlab)).toHaveLength(1);
      expect(gitlab.mergeRequests).toHaveLength(1);
    });

    it('completes a branch a crashed run left partly committed', async () => {
      const gitlab = gitlabProject();
      // A branch with only part of the upgrade on it.
      const partial = new Map(gitlab.files);
      partial.set('docs/runbook.md', gitlabV110.get('docs/runbook.md')!);
      partial.set('mkdocs.yml', 'stale\n');
      gitlab.branches.set('golden-path/node-service-1.1.0', partial);

      const result = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(result.state).toBe('conflicts');
      const [commit] = gitlab.writes.map(c => c.body);
      expect(commit.start_branch).toBeUndefined();
      expect(commit.branch).toBe('golden-path/node-service-1.1.0');
      const actions = commit.actions.map(
        (a: any) => `${a.action} ${a.file_path}`,
      );
      expect(actions).not.toContain('create docs/runbook.md');
      expect(actions).toContain('update mkdocs.yml');
      expect(
        gitlab.branches
          .get('golden-path/node-service-1.1.0')
          ?.get('mkdocs.yml'),
      ).toBe(gitlabV110.get('mkdocs.yml'));
      expect(mrPosts(gitlab)).toHaveLength(1);
    });

    it('waits out a 429 as retry-after asks, then succeeds', async () => {
      const gitlab = gitlabProject();
      gitlab.failNext(
        tooManyRequests,
        (method, path) => method === 'POST' && path === '/merge_requests',
      );
      const started = Date.now();
      const result = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(result.state).toBe('conflicts');
      expect(gitlab.calls.map(c => c.path)).toContain('! 429 /merge_requests');
      expect(mrPosts(gitlab)).toHaveLength(1);
    });

    it('gives up after the bounded attempts and reports why, without the token', async () => {
      const gitlab = gitlabProject();
      for (let i = 0; i < 3; i++) {
        gitlab.failNext(
          () =>
            HttpResponse.json(
              { message: 'Retry later' },
              { status: 429, headers: { 'retry-after': '0' } },
            ),
          method => method === 'GET',
        );
      }
      const result = await upgrader.upgrade({
        repoUrl: gitlabUrl,
        token: 'user-secret-token',
      });
      expect(gitlab.calls.filter(c => c.path.startsWith('! 429'))).toHaveLength(
        3,
      );
      expect(result).toMatchObject({
        state: 'failed',
        repository: 'acme/payments',
      });
      expect(result.reason).toBe(
        'Cannot read the project in acme/payments: GitLab answered 429 Too Many Requests: Retry later',
      );
      expect(result.reason).not.toContain('user-secret-token');
      expect(gitlab.writes).toEqual([]);
    });

    it('reports merged when the merge request of the branch was merged', async () => {
      const gitlab = gitlabProject();
      gitlab.mergeRequests.push({
        iid: 9,
        source_branch: 'golden-path/node-service-1.1.0',
        target_branch: 'main',
        title: 'Upgrade',
        description: '',
        state: 'merged',
      });
      const result = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(result).toMatchObject({
        state: 'merged',
        changeRequest: {
          number: 9,
          url: 'https://gitlab.com/acme/payments/-/merge_requests/9',
        },
      });
      expect(gitlab.writes).toEqual([]);
    });

    it('fails rather than reopening a merge request the team closed', async () => {
      const gitlab = gitlabProject();
      gitlab.mergeRequests.push({
        iid: 3,
        source_branch: 'golden-path/node-service-1.1.0',
        target_branch: 'main',
        title: 'Upgrade',
        description: '',
        state: 'closed',
      });
      const result = await upgrader.upgrade({ repoUrl: gitlabUrl });
      expect(result.state).toBe('failed');
      expect(result.reason).toContain(
        'merge request https://gitlab.com/acme/payments/-/merge_requests/3',
      );
      expect(result.reason).toContain('closed without merging');
      expect(gitlab.writes).toEqual([]);
    });

    it('reports up-to-date for a project already at the version', async () => {
      const gitlab = new FakeGitlab('acme/payments', gitlabV110);
      server.use(...gitlab.handlers());
      await expect(upgrader.upgrade({ repoUrl: gitlabUrl })).resolves.toEqual(
        expect.objectContaining({ state: 'up-to-date', files: [] }),
      );
      expect(gitlab.writes).toEqual([]);
    });

    it('plans without writing in a dry run', async () => {
      const gitlab = gitlabProject();
      const result = await upgrader.upgrade({
        repoUrl: gitlabUrl,
        dryRun: true,
      });
      expect(result).toMatchObject({
        state: 'conflicts',
        dryRun: true,
        conflicts: [GITLAB_CI],
      });
      expect(gitlab.writes).toEqual([]);
    });

    it('upgrades a project in a subgroup on a self-managed GitLab', async () => {
      const gitlab = gitlabProject(
        'acme/team/payments',
        'https://git.acme.example/api/v4',
      );
      const result = await upgrader.upgrade({
        repoUrl: 'git.acme.example?owner=acme/team&repo=payments',
      });
      expect(result).toMatchObject({
        state: 'conflicts',
        repository: 'acme/team/payments',
      });
      expect(gitlab.calls[0].auth).toBe('Bearer acme-token');
      expect(mrPosts(gitlab)).toHaveLength(1);
    });

    it('opens one merge request per project across a fleet run that crashed half-way and hit a 429', async () => {
      const fleet = ['a', 'b', 'c'].map(n => gitlabProject(`acme/${n}`));
      fleet[1].failNext(
        () => HttpResponse.json({ message: 'boom' }, { status: 502 }),
        (method, path) => method === 'POST' && path === '/merge_requests',
      );
      fleet[2].failNext(tooManyRequests);
      const urls = ['a', 'b', 'c'].map(n => `gitlab.com?owner=acme&repo=${n}`);

      const first = [];
      for (const repoUrl of urls)
        first.push(await upgrader.upgrade({ repoUrl }));
      expect(first.map(r => r.state)).toEqual([
        'conflicts',
        'failed',
        'conflicts',
      ]);
      const second = [];
      for (const repoUrl of urls)
        second.push(await upgrader.upgrade({ repoUrl }));
      expect(second.map(r => r.state)).toEqual([
        'already-open',
        'conflicts',
        'already-open',
      ]);
      expect(fleet.map(g => g.mergeRequests.length)).toEqual([1, 1, 1]);
    });
  });

  describe('GitHub', () => {
    it('returns the open pull request on a second run and creates nothing', async () => {
      const github = githubRepo();
      const first = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(first).toMatchObject({
        state: 'conflicts',
        changeRequest: {
          number: 42,
          url: 'https://github.com/acme/payments/pull/42',
        },
        conflicts: [WORKFLOW],
      });
      const writes = github.writes.length;
      const second = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(second).toMatchObject({
        state: 'already-open',
        changeRequest: first.changeRequest,
      });
      expect(github.writes).toHaveLength(writes);
      expect(github.pulls).toHaveLength(1);
      expect(github.calls.at(-1)?.path).toBe(
        '/pulls?head=acme%3Agolden-path%2Fnode-service-1.1.0&base=main&state=all&per_page=100',
      );
    });

    it('opens the pull request from a branch a crashed run left behind', async () => {
      const github = githubRepo();
      github.refs.set('golden-path/node-service-1.1.0', 'crashed-sha');
      const result = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(result.state).toBe('conflicts');
      // The branch holds none of the upgrade yet: it is completed with a
      // commit on top of it, never a second branch.
      expect(github.writes.map(c => `${c.method} ${c.path}`)).toEqual([
        'POST /git/trees',
        'POST /git/commits',
        'PATCH /git/refs/heads/golden-path/node-service-1.1.0',
        'POST /pulls',
      ]);
      expect(github.writes[1].body.parents).toEqual(['crashed-sha']);
      expect(github.writes[2].body).toEqual({
        sha: 'new-commit',
        force: false,
      });
    });

    it('resumes a run that crashed after pushing the branch: no second commit, one pull request', async () => {
      const github = githubRepo();
      github.failNext(
        () => HttpResponse.json({ message: 'Server Error' }, { status: 502 }),
        (method, path) => method === 'POST' && path === '/pulls',
      );
      const crashed = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(crashed.state).toBe('failed');
      expect(github.refs.get('golden-path/node-service-1.1.0')).toBe(
        'new-commit',
      );
      expect(
        github
          .filesAt('golden-path/node-service-1.1.0')
          .get('.paved-road/answers.yaml'),
      ).toContain('version: 1.1.0');

      const resumed = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(resumed).toMatchObject({
        state: 'conflicts',
        changeRequest: { number: 42 },
      });
      expect(github.writes.map(c => `${c.method} ${c.path}`)).toEqual([
        'POST /git/trees',
        'POST /git/commits',
        'POST /git/refs',
        'POST /pulls',
      ]);
      expect(github.pulls).toHaveLength(1);
    });

    it('waits out a secondary rate limit (403 with retry-after), then succeeds', async () => {
      const github = githubRepo();
      github.failNext(() =>
        HttpResponse.json(
          {
            message: 'You have exceeded a secondary rate limit.',
            documentation_url:
              'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
          },
          { status: 403, headers: { 'retry-after': '1' } },
        ),
      );
      const started = Date.now();
      const result = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(result.state).toBe('conflicts');
      expect(github.calls[0].path).toBe('! 403');
      expect(github.pulls).toHaveLength(1);
    });

    it('does not retry a plain 403 and reports it', async () => {
      const github = githubRepo();
      github.failNext(() =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration' },
          { status: 403 },
        ),
      );
      const result = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(result.state).toBe('failed');
      expect(result.reason).toContain('Resource not accessible by integration');
      expect(github.calls.filter(c => c.path === '! 403')).toHaveLength(1);
    });

    it('reports merged when the pull request of the branch was merged', async () => {
      const github = githubRepo();
      github.pulls.push({
        number: 7,
        head: 'golden-path/node-service-1.1.0',
        base: 'main',
        state: 'closed',
        merged_at: '2026-11-21T10:00:00Z',
      });
      const result = await upgrader.upgrade({ repoUrl: githubUrl });
      expect(result).toMatchObject({
        state: 'merged',
        changeRequest: {
          number: 7,
          url: 'https://github.com/acme/payments/pull/7',
        },
      });
      expect(github.writes).toEqual([]);
    });
  });

  it('is built from app-config as the scaffolder module builds it', async () => {
    const fromConfig = GoldenPathUpgrader.fromConfig(
      new ConfigReader({
        backend: { baseUrl: BACKSTAGE_URL },
        integrations: {
          gitlab: [{ host: 'gitlab.com', token: 'config-token' }],
        },
      }),
      { reader: mockServices.urlReader.mock() },
    );
    const gitlab = gitlabProject();
    const result = await fromConfig.upgrade({ repoUrl: gitlabUrl });
    expect(result.state).toBe('conflicts');
    expect(gitlab.calls[0].auth).toBe('Bearer config-token');
    const [commit] = gitlab.writes.map(c => c.body);
    const readme = commit.actions.find(
      (a: any) => a.file_path === 'docs/runbook.md',
    );
    expect(readme.content).toBe(gitlabV110.get('docs/runbook.md'));
  });

  it('fails naming the field for a repository on no GitHub or GitLab integration', async () => {
    const result = await upgrader.upgrade({
      repoUrl: 'git.example.com?owner=acme&repo=payments',
    });
    expect(result).toMatchObject({
      state: 'failed',
      repository: 'git.example.com?owner=acme&repo=payments',
    });
    expect(result.reason).toContain(
      "Invalid 'repoUrl' 'git.example.com?owner=acme&repo=payments'",
    );
  });
});
