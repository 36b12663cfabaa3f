import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import {
  BACKSTAGE_URL,
  exampleInput,
  teamA,
  testArchetypes,
  testCreateAction,
  testSkeletons,
} from '../__testUtils__/goldenPathTestUtils';
import { expectValidGoldenPath } from '../__testUtils__/expectValidGoldenPath';
import { createGoldenPathAction } from './createGoldenPathAction';
import { examples } from './createGoldenPathAction.examples';

const SCAFFOLDED_AT = 'paved-road.dev/scaffolded-at';
const TASK_ID = 'paved-road.dev/scaffolder-task-id';

describe('golden-path:create', () => {
  const root = createMockDirectory();
  const workspacePath = path.join(root.path, 'workspace');
  const action = testCreateAction();
  const run = (input: Record<string, unknown>, extra = {}) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath,
      ...extra,
    });
    return action.handler(ctx as any).then(() => ctx);
  };

  beforeEach(async () => {
    root.clear();
    await fs.mkdir(workspacePath, { recursive: true });
  });

  afterEach(() => jest.restoreAllMocks());

  it.each(examples.map(e => [e.description, e]))(
    'runs the example: %s',
    async (_description, example) => {
      const input = exampleInput(example);
      const before = Date.now();
      const ctx = await run(input);
      const after = Date.now();
      const dir = path.join(workspacePath, input.targetPath ?? '.');
      const entity = await expectValidGoldenPath(dir);

      const slugKey =
        input.ciProvider === 'gitlab-ci'
          ? 'gitlab.com/project-slug'
          : 'github.com/project-slug';
      expect(entity.metadata.name).toBe(input.name);
      expect(entity.spec?.owner).toBe('group:default/team-a');
      const scaffoldedAt = Date.parse(
        entity.metadata.annotations![SCAFFOLDED_AT],
      );
      expect(scaffoldedAt).toBeGreaterThanOrEqual(before);
      expect(scaffoldedAt).toBeLessThanOrEqual(after);
      expect(entity.metadata.annotations).toEqual({
        [SCAFFOLDED_AT]: new Date(scaffoldedAt).toISOString(),
        [TASK_ID]: 'mock-task-id',
        'backstage.io/techdocs-ref': 'dir:.',
        'paved-road.dev/openslo-ref': './slo.yaml',
        'paved-road.dev/golden-path': `${input.archetype}@1.1.0`,
        ...(input.repoSlug ? { [slugKey]: input.repoSlug } : {}),
        ...(input.pagerdutyServiceId
          ? { 'pagerduty.com/service-id': input.pagerdutyServiceId }
          : {}),
      });
      const slo = parse(await fs.readFile(path.join(dir, 'slo.yaml'), 'utf8'));
      expect(slo.spec.objectives[0].target).toBeCloseTo(
        (input.slo ?? 99.9) / 100,
        8,
      );
      const answers = parse(
        await fs.readFile(path.join(dir, '.paved-road/answers.yaml'), 'utf8'),
      );
      expect(answers).toMatchObject({
        archetype: input.archetype,
        version: '1.1.0',
        inputs: { name: input.name, owner: 'group:default/team-a' },
      });

      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        `component:default/${input.name}`,
      );
      expect(ctx.output).toHaveBeenCalledWith('goldenPathVersion', '1.1.0');
      expect(ctx.output).toHaveBeenCalledWith(
        'catalogInfoPath',
        path.posix.join(input.targetPath ?? '.', 'catalog-info.yaml'),
      );
      const files = (ctx.output as jest.Mock).mock.calls.find(
        c => c[0] === 'files',
      )[1];
      for (const file of files) {
        await expect(
          fs.stat(path.join(workspacePath, file)),
        ).resolves.toBeDefined();
      }
    },
  );

  it('writes spec.scaffoldedFrom when run from a template', async () => {
    await run(exampleInput(examples[0]), {
      templateInfo: { entityRef: 'template:default/golden-path-service' },
    });
    const entity = await expectValidGoldenPath(workspacePath);
    expect(entity.spec?.scaffoldedFrom).toBe(
      'template:default/golden-path-service',
    );
  });

  it("looks the owner up with the initiator's credentials", async () => {
    const credentials = mockCredentials.user('user:default/alice');
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => teamA),
    });
    const ctx = {
      ...createMockActionContext({
        input: exampleInput(examples[0]),
        workspacePath,
      }),
      getInitiatorCredentials: async () => credentials,
    };
    await createGoldenPathAction({
      archetypes: testArchetypes(),
      skeletons: testSkeletons(),
      catalog,
      backstageBaseUrl: BACKSTAGE_URL,
    }).handler(ctx as any);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'group:default/team-a',
      {
        credentials,
      },
    );
  });

  it('rejects an unknown owner, naming it', async () => {
    await expect(
      run({ ...exampleInput(examples[0]), owner: 'group:default/ghosts' }),
    ).rejects.toThrow(
      "Invalid 'owner' 'group:default/ghosts': no such entity in the catalog",
    );
    await expect(fs.readdir(workspacePath)).resolves.toEqual([]);
  });

  it.each([
    ['Payments_Service', "Invalid 'name' 'Payments_Service'"],
    ['a'.repeat(64), `Invalid 'name' '${'a'.repeat(64)}'`],
    ['-payments', "Invalid 'name' '-payments'"],
  ])('rejects the name %s', async (name, message) => {
    await expect(run({ ...exampleInput(examples[0]), name })).rejects.toThrow(
      message,
    );
  });

  it('accepts a name of 63 characters', async () => {
    await run({ ...exampleInput(examples[0]), name: 'a'.repeat(63) });
    await expect(expectValidGoldenPath(workspacePath)).resolves.toBeDefined();
  });

  it.each([
    [
      'archetype',
      'java-service',
      "Invalid 'archetype' 'java-service': expected one of node-service, python-service",
    ],
    ['ciProvider', 'jenkins', "Invalid 'ciProvider' 'jenkins'"],
    ['slo', 100, "Invalid 'slo' '100'"],
    ['repoSlug', 'payments', "Invalid 'repoSlug' 'payments'"],
    [
      'owner',
      'team-a\n* @attacker',
      "Invalid 'owner' 'team-a\\n* @attacker': expected a Group or User entity ref",
    ],
    [
      'owner',
      'component:default/payments',
      "Invalid 'owner' 'component:default/payments': expected a Group or User entity ref",
    ],
  ])('rejects an invalid %s', async (field, value, message) => {
    await expect(
      run({ ...exampleInput(examples[0]), [field]: value }),
    ).rejects.toThrow(message);
  });

  it.each(['../escape', '/etc', 'services/../../escape'])(
    'rejects the target path %s outside the workspace',
    async targetPath => {
      await expect(
        run({ ...exampleInput(examples[0]), targetPath }),
      ).rejects.toThrow(
        /Relative path is not allowed to refer to a directory outside its parent/,
      );
      await expect(fs.readdir(root.path)).resolves.toEqual(['workspace']);
    },
  );

  it('refuses to overwrite existing files, listing them', async () => {
    await fs.writeFile(path.join(workspacePath, 'README.md'), '# mine\n');
    await fs.writeFile(path.join(workspacePath, 'slo.yaml'), 'mine: true\n');
    await expect(run(exampleInput(examples[0]))).rejects.toThrow(
      "Refusing to overwrite existing files in 'targetPath' '.': README.md, slo.yaml; set 'overwrite: true' to replace them",
    );
    await expect(fs.readdir(workspacePath)).resolves.toEqual([
      'README.md',
      'slo.yaml',
    ]);
    await expect(
      fs.readFile(path.join(workspacePath, 'README.md'), 'utf8'),
    ).resolves.toBe('# mine\n');

    await run({ ...exampleInput(examples[0]), overwrite: true });
    await expectValidGoldenPath(workspacePath);
  });

  it('has no side effects outside the workspace in a dry run, and previews the same files', async () => {
    // Both runs at the same instant, so scaffolded-at matches too.
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-02T09:00:00Z'));
    const dry = await run(exampleInput(examples[0]), { isDryRun: true });
    const dryFiles = (dry.output as jest.Mock).mock.calls.find(
      c => c[0] === 'files',
    )[1];
    await expect(fs.readdir(root.path)).resolves.toEqual(['workspace']);
    const preview = await Promise.all(
      dryFiles.map((f: string) =>
        fs.readFile(path.join(workspacePath, f), 'utf8'),
      ),
    );

    root.clear();
    await fs.mkdir(workspacePath);
    const real = await run(exampleInput(examples[0]));
    const realFiles = (real.output as jest.Mock).mock.calls.find(
      c => c[0] === 'files',
    )[1];
    expect(realFiles).toEqual(dryFiles);
    await expect(
      Promise.all(
        realFiles.map((f: string) =>
          fs.readFile(path.join(workspacePath, f), 'utf8'),
        ),
      ),
    ).resolves.toEqual(preview);
  });
});
