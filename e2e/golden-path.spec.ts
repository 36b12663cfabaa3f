import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { enterAsGuest } from './helpers';

const TOKEN = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
const TEMPLATES = path.resolve(__dirname, '../examples/templates');

/** The template's folder as the scaffolder's dry-run expects it. */
function directoryContents(archetype: string) {
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else
        files.push({
          path: path.relative(TEMPLATES, full),
          base64Content: fs.readFileSync(full).toString('base64'),
        });
    }
  };
  walk(path.join(TEMPLATES, 'skeletons', archetype));
  return files;
}

test('the golden-path template dry-runs in the app and its catalog-info is a valid entity', async ({
  request,
}) => {
  const template = parse(
    fs.readFileSync(path.join(TEMPLATES, 'golden-path-github.yaml'), 'utf8'),
  );
  const dryRun = await request.post('/api/scaffolder/v2/dry-run', {
    headers: auth,
    data: {
      template,
      values: {
        name: 'orders',
        description: 'Takes orders',
        owner: 'group:default/payments',
        archetype: 'node-service',
        repoUrl: 'github.com?owner=acme&repo=orders',
      },
      directoryContents: directoryContents('node-service'),
    },
  });
  expect(dryRun.status()).toBe(200);
  const files: Array<{ path: string; base64Content: string }> = (
    await dryRun.json()
  ).directoryContents;
  expect(files.map(f => f.path)).toEqual(
    expect.arrayContaining([
      'catalog-info.yaml',
      'slo.yaml',
      'CODEOWNERS',
      'mkdocs.yml',
      '.github/workflows/golden-path.yaml',
      '.paved-road/answers.yaml',
    ]),
  );
  const catalogInfo = files.find(f => f.path === 'catalog-info.yaml')!;
  const entity = parse(
    Buffer.from(catalogInfo.base64Content, 'base64').toString('utf8'),
  );
  expect(entity.metadata.annotations).toMatchObject({
    'github.com/project-slug': 'acme/orders',
    'paved-road.dev/golden-path': 'node-service@1.1.0',
    'paved-road.dev/openslo-ref': './slo.yaml',
    'backstage.io/techdocs-ref': 'dir:.',
  });
  expect(entity.spec.owner).toBe('group:default/payments');

  const validation = await request.post('/api/catalog/validate-entity', {
    headers: auth,
    data: {
      entity,
      location:
        'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
    },
  });
  expect(validation.status()).toBe(200);
});

test('a service team finds the golden-path templates in the app', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/create');
  await expect(page.getByText('Golden-path service (GitHub)')).toBeVisible();
  await expect(page.getByText('Golden-path service (GitLab)')).toBeVisible();
});
