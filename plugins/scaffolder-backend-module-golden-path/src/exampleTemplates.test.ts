import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { expectValidGoldenPath } from './__testUtils__/expectValidGoldenPath';
import { teamA } from './__testUtils__/goldenPathTestUtils';
import { registerInCatalog } from './__testUtils__/registerInCatalog';
import { createGoldenPathAction } from './actions/createGoldenPathAction';
import scaffolderModuleGoldenPath from './index';

const TEMPLATES = path.resolve(__dirname, '../../../examples/templates');

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  const nested = await Promise.all(
    entries.map(e =>
      e.isDirectory()
        ? listFiles(dir, path.join(prefix, e.name))
        : [path.join(prefix, e.name)],
    ),
  );
  return nested.flat();
}

const cases = [
  {
    file: 'golden-path-github.yaml',
    publish: 'publish:github',
    values: {
      name: 'payments',
      description: 'Takes payments',
      owner: 'group:default/team-a',
      archetype: 'node-service',
      lifecycle: 'experimental',
      slo: 99.9,
      repoUrl: 'github.com?owner=acme&repo=payments',
    },
    slug: ['github.com/project-slug', 'acme/payments'],
    app: 'package.json',
  },
  {
    file: 'golden-path-gitlab.yaml',
    publish: 'publish:gitlab',
    values: {
      name: 'ledger',
      owner: 'group:default/team-a',
      archetype: 'python-service',
      lifecycle: 'production',
      slo: 99.95,
      pagerdutyServiceId: 'PX1Y2Z3',
      repoUrl: 'gitlab.com?owner=acme&repo=ledger',
    },
    slug: ['gitlab.com/project-slug', 'acme/ledger'],
    app: 'app.py',
  },
];

describe('example templates', () => {
  const output = createMockDirectory();

  it.each(cases)(
    '$file chains fetch, golden path, publish and register',
    async c => {
      const template = parse(
        await fs.readFile(path.join(TEMPLATES, c.file), 'utf8'),
      );
      expect(template.kind).toBe('Template');
      expect(
        template.spec.steps.map((s: { action: string }) => s.action),
      ).toEqual([
        'fetch:template',
        'golden-path:create',
        c.publish,
        'catalog:register',
      ]);
      const action = createGoldenPathAction({} as any);
      const declared = Object.keys((action.schema?.input as any).properties);
      expect(declared).toEqual(
        expect.arrayContaining(Object.keys(template.spec.steps[1].input)),
      );
    },
  );

  it.each(cases)(
    '$file runs through the scaffolder dry-run endpoint and writes a valid service',
    async c => {
      const { server } = await startTestBackend({
        features: [
          scaffolderPlugin,
          githubModule,
          gitlabModule,
          scaffolderModuleGoldenPath,
          catalogServiceMock.factory({ entities: [teamA] }),
          mockServices.rootConfig.factory({
            data: {
              backend: { baseUrl: 'http://localhost:7007' },
              integrations: {
                github: [{ host: 'github.com', token: 'gh-token' }],
                gitlab: [{ host: 'gitlab.com', token: 'gl-token' }],
              },
            },
          }),
        ],
      });
      const template = parse(
        await fs.readFile(path.join(TEMPLATES, c.file), 'utf8'),
      );
      const skeleton = await listFiles(
        TEMPLATES,
        `skeletons/${c.values.archetype}`,
      );
      const directoryContents = await Promise.all(
        skeleton.map(async p => ({
          path: p.replace(
            `skeletons/${c.values.archetype}`,
            `skeletons/${c.values.archetype}`,
          ),
          base64Content: (
            await fs.readFile(path.join(TEMPLATES, p))
          ).toString('base64'),
        })),
      );

      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({ template, values: c.values, directoryContents });

      expect(res.status).toBe(200);
      const files: { path: string; base64Content: string }[] =
        res.body.directoryContents;
      const dir = output.resolve(c.values.name);
      for (const f of files) {
        await fs.mkdir(path.dirname(path.join(dir, f.path)), {
          recursive: true,
        });
        await fs.writeFile(
          path.join(dir, f.path),
          Buffer.from(f.base64Content, 'base64'),
        );
      }
      const entity = await expectValidGoldenPath(dir);
      expect(entity.metadata.annotations?.[c.slug[0]]).toBe(c.slug[1]);
      expect(entity.metadata.annotations?.['paved-road.dev/golden-path']).toBe(
        `${c.values.archetype}@1.1.0`,
      );
      expect(entity.spec?.scaffoldedFrom).toBe('template:default/dry-run');
      // The application skeleton from fetch:template sits next to the golden path.
      await expect(
        fs.readFile(path.join(dir, c.app), 'utf8'),
      ).resolves.toContain(c.values.name);
      // Publishing and registering do not run in a dry run.
      const messages = res.body.log.map(
        (l: { body: { message: string } }) => l.body.message,
      );
      expect(messages.join('\n')).toMatch(
        new RegExp(`Skipping because ${c.publish} does not support dry-run`),
      );
      expect(res.body.output.links[0]).toMatchObject({ title: 'Repository' });

      // What catalog:register would do once published: the catalog accepts it.
      const registered = await registerInCatalog(
        path.join(dir, 'catalog-info.yaml'),
        c.values.name,
      );
      expect(registered.metadata.annotations).toMatchObject(
        entity.metadata.annotations!,
      );
      expect(registered.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/team-a' },
        ]),
      );
    },
    60_000,
  );
});
