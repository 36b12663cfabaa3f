import { APIRequestContext, expect, test } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
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

test('a scaffolded service appears in the catalog with every annotation and passes its golden-path checks', async ({
  request,
}) => {
  const name = `e2e-${Date.now().toString(36)}`;
  const template = parse(
    fs.readFileSync(path.join(TEMPLATES, 'golden-path-github.yaml'), 'utf8'),
  );
  // The owner is looked up in the catalog, which ingests shortly after start.
  await expect
    .poll(
      async () =>
        (
          await request.get(
            '/api/catalog/entities/by-name/group/default/payments',
            {
              headers: auth,
            },
          )
        ).status(),
      { timeout: 60_000 },
    )
    .toBe(200);
  const dryRun = await request.post('/api/scaffolder/v2/dry-run', {
    headers: auth,
    data: {
      template,
      values: {
        name,
        description: 'Scaffolded by the browser tests',
        owner: 'group:default/payments',
        archetype: 'node-service',
        lifecycle: 'production',
        pagerdutyServiceId: 'PE2E001',
        repoUrl: `github.com?owner=acme&repo=${name}`,
      },
      directoryContents: directoryContents('node-service'),
    },
  });
  expect(dryRun.status(), await dryRun.text()).toBe(200);

  // What publish would push: the generated files, here in a local folder
  // that the catalog reads as a file location.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-road-e2e-'));
  for (const file of (await dryRun.json()).directoryContents as Array<{
    path: string;
    base64Content: string;
  }>) {
    fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    fs.writeFileSync(
      path.join(dir, file.path),
      Buffer.from(file.base64Content, 'base64'),
    );
  }
  // Served over HTTP like a repository; app-config.e2e.yaml allows reading it.
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(req.url ?? '/'));
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(fs.readFileSync(file));
  });
  await new Promise<void>(resolve => server.listen(7099, resolve));
  test.info().attach('served from', { body: dir });
  try {
    await registerAndCheck(request, name);
  } finally {
    server.close();
  }
});

async function registerAndCheck(request: APIRequestContext, name: string) {
  const registered = await request.post('/api/catalog/locations', {
    headers: auth,
    data: { type: 'url', target: 'http://localhost:7099/catalog-info.yaml' },
  });
  expect(registered.status(), await registered.text()).toBe(201);

  let entity: any;
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `/api/catalog/entities/by-name/component/default/${name}`,
          { headers: auth },
        );
        entity = res.ok() ? await res.json() : undefined;
        return res.status();
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  expect(entity.metadata.annotations).toMatchObject({
    'github.com/project-slug': `acme/${name}`,
    'pagerduty.com/service-id': 'PE2E001',
    'paved-road.dev/golden-path': 'node-service@1.1.0',
    'paved-road.dev/openslo-ref': './slo.yaml',
    'backstage.io/techdocs-ref': 'dir:.',
  });
  expect(entity.spec).toMatchObject({
    owner: 'group:default/payments',
    lifecycle: 'production',
  });

  const refreshed = await request.post(
    `/api/scorecard/entities/component/default/${name}/refresh`,
    { headers: auth },
  );
  expect(refreshed.status()).toBe(200);
  const scorecard = await refreshed.json();
  const status = Object.fromEntries(
    scorecard.checks.map((c: { id: string; status: string }) => [
      c.id,
      c.status,
    ]),
  );
  expect(status).toMatchObject({
    'has-owner': 'pass',
    'has-lifecycle': 'pass',
    'has-docs': 'pass',
    'slo-defined': 'pass',
    'golden-path-adopted': 'pass',
    'golden-path-current': 'pass',
  });

  // The SLO file it ships is read and parsed through the annotation.
  const slos = await request.get(
    `/api/dora/slos?entityRef=component:default/${name}`,
    { headers: auth },
  );
  expect(slos.status()).toBe(200);
  const body = await slos.json();
  expect(body.error).toBeUndefined();
  expect(body.definitions.type).toBe('annotation');
  expect(body.slos.length).toBeGreaterThan(0);
}
