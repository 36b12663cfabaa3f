import {
  createMockDirectory,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity, UserEntity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { FakeGithub } from '../__testUtils__/fakeGithub';
import { FakeGitlab } from '../__testUtils__/fakeGitlab';
import {
  BACKSTAGE_URL,
  exampleInput,
  paymentsAnswers,
  renderBuiltin,
  teamA,
  testArchetypes,
  testSkeletons,
} from '../__testUtils__/goldenPathTestUtils';
import { RenderedFile } from '../types';
import { createUpgradeGoldenPathAction } from './upgradeGoldenPathAction';
import { examples } from './upgradeGoldenPathAction.examples';

const WORKFLOW = '.github/workflows/golden-path.yaml';
const GITLAB_SLUG = 'gitlab.com/project-slug';

/** The repository as a team left it: scaffolded at 1.0.0, then edited. */
function teamEdits(files: RenderedFile[]): Map<string, string> {
  const edit: Record<string, (s: string) => string> = {
    'README.md': s =>
      s.replace(
        'Takes payments\n',
        'Takes payments, refunds and chargebacks.\n',
      ),
    'catalog-info.yaml': s =>
      s.replace('    - golden-path\n', '    - golden-path\n    - payments\n'),
    // The new version also changes this line: a real conflict.
    [WORKFLOW]: s => s.replace('node-version: 20', 'node-version: 21'),
  };
  return new Map(
    files.map(f => [f.path, edit[f.path]?.(f.content) ?? f.content]),
  );
}

const jane: UserEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane', namespace: 'default' },
  spec: { memberOf: ['team-a'] },
};

function service(
  name: string,
  slug: string,
  owner: string,
  annotation = 'github.com/project-slug',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [annotation]: slug },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

describe('golden-path:upgrade', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = createMockDirectory();
  const action = createUpgradeGoldenPathAction({
    catalog: catalogServiceMock({
      entities: [
        teamA,
        jane,
        service('payments', 'acme/payments', 'team-a'),
        service('platform', 'acme/platform', 'group:default/team-a'),
        service('ledger', 'acme/ledger', 'group:default/team-b'),
        service('billing', 'acme/billing', 'team-a', GITLAB_SLUG),
        service('audit', 'acme/audit', 'team-b', GITLAB_SLUG),
      ],
    }),
    archetypes: testArchetypes(),
    skeletons: testSkeletons(),
    backstageBaseUrl: BACKSTAGE_URL,
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', token: 'gh-token' }],
          gitlab: [{ host: 'gitlab.com', token: 'gl-token' }],
        },
      }),
    ),
  });
  let v100: RenderedFile[];
  let v110: Map<string, string>;

  beforeAll(async () => {
    v100 = await renderBuiltin(paymentsAnswers);
    v110 = new Map(
      (await renderBuiltin({ ...paymentsAnswers, version: '1.1.0' })).map(f => [
        f.path,
        f.content,
      ]),
    );
  });
  beforeEach(() => workspace.clear());

  const fakeRepo = (fullName: string, prefix = '') => {
    const files = new Map(
      [...teamEdits(v100)].map(([p, c]) => [path.posix.join(prefix, p), c]),
    );
    const github = new FakeGithub(fullName, files);
    server.use(...github.handlers());
    return github;
  };
  const run = async (input: Record<string, unknown>, extra = {}) => {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
        user: { ref: 'user:default/jane', entity: jane },
      }),
      ...extra,
    };
    await action.handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return outputs;
  };

  it('opens a pull request whose diff takes the new version and keeps the team changes', async () => {
    const github = fakeRepo('acme/payments');
    const outputs = await run(exampleInput(examples[0]));

    expect(github.writes.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /git/trees',
      'POST /git/commits',
      'POST /git/refs',
      'POST /pulls',
    ]);
    expect(github.calls.every(c => c.auth?.includes('gh-token'))).toBe(true);
    const [tree, commit, ref, pull] = github.writes.map(c => c.body);
    const changed = Object.fromEntries(
      tree.tree.map((e: any) => [e.path, e.content]),
    );
    expect(tree.base_tree).toBe('base-tree');
    expect(Object.keys(changed).sort()).toEqual([
      WORKFLOW,
      '.paved-road/answers.yaml',
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
      'docs/runbook.md',
      'mkdocs.yml',
    ]);
    // Untouched by the team: exactly the new render.
    for (const p of ['docs/index.md', 'docs/runbook.md', 'mkdocs.yml']) {
      expect(changed[p]).toBe(v110.get(p));
    }
    expect(parse(changed['.paved-road/answers.yaml']).version).toBe('1.1.0');
    // Changed by the team elsewhere: merged cleanly, both sides kept.
    expect(changed['README.md']).toBe(
      v110
        .get('README.md')!
        .replace(
          'Takes payments\n',
          'Takes payments, refunds and chargebacks.\n',
        ),
    );
    const entity = parse(changed['catalog-info.yaml']);
    expect(entity.metadata.tags).toEqual(['nodejs', 'golden-path', 'payments']);
    expect(entity.metadata.annotations['paved-road.dev/golden-path']).toBe(
      'node-service@1.1.0',
    );
    // Changed by the team on the same line: flagged, never overwritten.
    expect(changed[WORKFLOW]).toContain(
      [
        '<<<<<<< yours',
        '          node-version: 21',
        '||||||| node-service@1.0.0',
        '          node-version: 20',
        '=======',
        '          node-version: 22',
        '>>>>>>> node-service@1.1.0',
      ].join('\n'),
    );
    expect(changed[WORKFLOW]).toContain('- run: npm run lint --if-present');

    expect(commit).toEqual({
      message: 'Upgrade golden path node-service to 1.1.0',
      tree: 'new-tree',
      parents: ['base-sha'],
    });
    expect(ref).toEqual({
      ref: 'refs/heads/golden-path/node-service-1.1.0',
      sha: 'new-commit',
    });
    expect(pull).toMatchObject({
      title: 'Upgrade golden path node-service to 1.1.0',
      head: 'golden-path/node-service-1.1.0',
      base: 'main',
    });
    expect(pull.body).toContain(`### Conflicts to resolve`);
    expect(pull.body).toContain(`- \`${WORKFLOW}\``);
    expect(pull.body).toMatch(
      /### Merged with your changes\n\n- `README.md`\n- `catalog-info.yaml`/,
    );
    expect(pull.body).toMatch(/### Added\n\n- `docs\/runbook.md`/);

    expect(outputs).toEqual({
      state: 'conflicts',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      files: Object.keys(changed).sort(),
      conflicts: [WORKFLOW],
      remoteUrl: 'https://github.com/acme/payments/pull/42',
      pullRequestNumber: 42,
    });
  });

  it('runs the example with a sub-folder, a version and named branches', async () => {
    const github = fakeRepo('acme/platform', 'services/payments');
    const outputs = await run(exampleInput(examples[1]));
    expect(github.calls.some(c => c.path === '/')).toBe(false);
    expect(github.calls[0].path).toBe(
      '/contents/services/payments/.paved-road/answers.yaml?ref=main',
    );
    const [tree, , ref, pull] = github.writes.map(c => c.body);
    expect(tree.tree.map((e: any) => e.path)).toContain(
      'services/payments/docs/runbook.md',
    );
    expect(ref.ref).toBe('refs/heads/chore/golden-path-1.1.0');
    expect(pull).toMatchObject({
      head: 'chore/golden-path-1.1.0',
      base: 'main',
    });
    expect(outputs.conflicts).toEqual([`services/payments/${WORKFLOW}`]);
  });

  it('writes nothing to GitHub in a dry run and previews the files in the workspace', async () => {
    const github = fakeRepo('acme/payments');
    const outputs = await run(exampleInput(examples[0]), { isDryRun: true });
    expect(github.writes).toEqual([]);
    expect(outputs.remoteUrl).toBeUndefined();
    expect(outputs.conflicts).toEqual([WORKFLOW]);
    await expect(
      fs.readFile(workspace.resolve('docs/runbook.md'), 'utf8'),
    ).resolves.toBe(v110.get('docs/runbook.md'));
  });

  it('opens no pull request when the repository is already at the version', async () => {
    const github = new FakeGithub('acme/payments', v110);
    server.use(...github.handlers());
    const outputs = await run(exampleInput(examples[0]));
    expect(github.writes).toEqual([]);
    expect(outputs).toMatchObject({
      fromVersion: '1.1.0',
      toVersion: '1.1.0',
      files: [],
    });
  });

  it('rejects a repository that was not scaffolded by the golden path', async () => {
    server.use(...new FakeGithub('acme/payments', new Map()).handlers());
    await expect(run(exampleInput(examples[0]))).rejects.toThrow(
      "No '.paved-road/answers.yaml' in acme/payments@main: was it scaffolded by golden-path:create?",
    );
  });

  it.each([
    [{ version: '1.0.0-rc.1' }, "Invalid 'version' '1.0.0-rc.1'"],
    [{ targetPath: '../other' }, "Invalid 'targetPath' '../other'"],
    [
      { repoUrl: 'git.example.com?owner=acme&repo=payments' },
      "Invalid 'repoUrl' 'git.example.com?owner=acme&repo=payments': No matching integration",
    ],
    [
      { repoUrl: 'bitbucket.org?workspace=acme&project=p&repo=payments' },
      "Invalid 'repoUrl' 'bitbucket.org?workspace=acme&project=p&repo=payments': expected a GitHub or GitLab repository",
    ],
  ])('rejects bad input %o naming the field', async (input, message) => {
    fakeRepo('acme/payments');
    await expect(
      run({ ...exampleInput(examples[0]), ...input }),
    ).rejects.toThrow(message);
  });

  it("refuses with the integration's token when the initiator does not own the repository's entity, even in a dry run", async () => {
    const github = fakeRepo('acme/ledger');
    const input = { repoUrl: 'github.com?owner=acme&repo=ledger' };

    for (const isDryRun of [false, true]) {
      await expect(run(input, { isDryRun })).rejects.toThrow(
        "Refusing to upgrade 'acme/ledger' with the integration's credentials: 'user:default/jane' does not own 'component:default/ledger' (owner 'group:default/team-b')",
      );
    }
    // Not a single read either: nothing of the repository is previewed.
    expect(github.calls).toEqual([]);
    await expect(fs.readdir(workspace.path)).resolves.toEqual([]);

    await expect(run(input, { user: undefined })).rejects.toThrow(
      'the task has no signed-in initiator',
    );
    const unknown = fakeRepo('acme/unregistered');
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=unregistered' }),
    ).rejects.toThrow(
      "no catalog entity you can see has 'github.com/project-slug: acme/unregistered'",
    );
    expect(unknown.calls).toEqual([]);
  });

  it("acts with the user's own token, and only with it", async () => {
    const github = fakeRepo('acme/payments');
    const outputs = await run({
      ...exampleInput(examples[2]),
      token: 'user-token',
    });

    expect(outputs.pullRequestNumber).toBe(42);
    expect(github.writes.map(c => `${c.method} ${c.path}`)).toContain(
      'POST /pulls',
    );
    expect(github.calls.every(c => c.auth === 'token user-token')).toBe(true);

    // GitHub decides what the token may touch: no ownership check needed.
    const ledger = fakeRepo('acme/ledger');
    await run({
      repoUrl: 'github.com?owner=acme&repo=ledger',
      token: 'user-token',
    });
    expect(ledger.writes.map(c => c.path)).toContain('/pulls');
    expect(ledger.calls.some(c => c.auth?.includes('gh-token'))).toBe(false);
  });

  it.each([
    ['a newline', JSON.stringify('group:default/team-a\n* @attacker')],
    ['a Component ref', 'component:default/payments'],
  ])(
    'rejects recorded answers whose owner holds %s, before writing anything',
    async (_, owner) => {
      const github = fakeRepo('acme/payments');
      const answersPath = '.paved-road/answers.yaml';
      github.files.set(
        answersPath,
        github.files
          .get(answersPath)!
          .replace('owner: group:default/team-a', `owner: ${owner}`),
      );
      expect(github.files.get(answersPath)).toContain(owner);

      await expect(run(exampleInput(examples[0]))).rejects.toThrow(
        /^Invalid \.paved-road\/answers\.yaml in acme\/payments@main: Invalid 'owner' '.*': expected a Group or User entity ref/,
      );
      expect(github.writes).toEqual([]);
    },
  );

  describe('on GitLab', () => {
    const gitlabProject = async (projectPath: string) => {
      const files = await renderBuiltin({
        ...paymentsAnswers,
        inputs: { ...paymentsAnswers.inputs, ciProvider: 'gitlab-ci' },
      });
      const gitlab = new FakeGitlab(
        projectPath,
        new Map(files.map(f => [f.path, f.content])),
      );
      server.use(...gitlab.handlers());
      return gitlab;
    };

    it("opens one merge request as the project's owner, and returns it on a re-run", async () => {
      const gitlab = await gitlabProject('acme/billing');
      const first = await run(exampleInput(examples[3]));
      expect(first).toMatchObject({
        state: 'opened',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
        conflicts: [],
        remoteUrl: 'https://gitlab.com/acme/billing/-/merge_requests/1',
        pullRequestNumber: 1,
      });
      expect(first.files).toContain('.gitlab-ci.yml');
      expect(gitlab.calls.every(c => c.auth === 'Bearer gl-token')).toBe(true);

      const again = await run(exampleInput(examples[3]));
      expect(again).toMatchObject({
        state: 'already-open',
        remoteUrl: 'https://gitlab.com/acme/billing/-/merge_requests/1',
        pullRequestNumber: 1,
        files: [],
      });
      expect(gitlab.writes.map(c => `${c.method} ${c.path}`)).toEqual([
        'POST /repository/commits',
        'POST /merge_requests',
      ]);
    });

    it("refuses the integration's token for a project another team owns, before any read", async () => {
      const gitlab = await gitlabProject('acme/audit');
      await expect(
        run({ repoUrl: 'gitlab.com?owner=acme&repo=audit' }),
      ).rejects.toThrow(
        "Refusing to upgrade 'acme/audit' with the integration's credentials: 'user:default/jane' does not own 'component:default/audit' (owner 'team-b'); ask its owner to run it or pass the user's own GitLab token in 'token'",
      );
      expect(gitlab.calls).toEqual([]);
    });

    it("acts with the user's own GitLab token, and only with it", async () => {
      const gitlab = await gitlabProject('acme/audit');
      const outputs = await run({
        repoUrl: 'gitlab.com?owner=acme&repo=audit',
        token: 'user-gl-token',
      });
      expect(outputs.state).toBe('opened');
      expect(gitlab.calls.length).toBeGreaterThan(0);
      expect(gitlab.calls.every(c => c.auth === 'Bearer user-gl-token')).toBe(
        true,
      );
    });
  });
});
