import { APIRequestContext, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { enterAsGuest, waitForDemoData } from './helpers';

const TOKEN = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
const ENTITY_REF = 'component:default/payments-api';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * A few deployments of payments-api well inside the last 30 days, one with
 * an incident that names it. Fixed ids: a rerun updates, never duplicates.
 */
function e2eEvents(now: number) {
  const at = (ms: number) => new Date(ms).toISOString();
  const deployments = [3, 6, 11].map(daysAgo => {
    const finishedAt = now - daysAgo * DAY;
    return {
      kind: 'deployment',
      source: 'e2e',
      id: `e2e-deploy-${daysAgo}`,
      entityRef: ENTITY_REF,
      environment: 'production',
      status: 'success',
      startedAt: at(finishedAt - 10 * 60_000),
      finishedAt: at(finishedAt),
      commitSha: `e2e${daysAgo}000000`,
      changes: [
        { sha: `e2e${daysAgo}000000`, committedAt: at(finishedAt - 5 * HOUR) },
      ],
    };
  });
  const incident = {
    kind: 'incident',
    source: 'e2e',
    id: 'e2e-incident-6',
    entityRef: ENTITY_REF,
    openedAt: at(now - 6 * DAY + HOUR),
    resolvedAt: at(now - 6 * DAY + 3 * HOUR),
    severity: 'sev2',
    deploymentId: 'e2e-deploy-6',
  };
  return [...deployments, incident];
}

async function deploymentsFromApi(request: APIRequestContext) {
  const response = await request.get(
    `/api/dora/metrics?entityRef=${encodeURIComponent(ENTITY_REF)}`,
    { headers: auth },
  );
  expect(response.ok()).toBe(true);
  const metrics = await response.json();
  return metrics.deploymentFrequency.deployments as number;
}

/** Waits for the example catalog, then pushes the events (idempotent). */
async function seed(request: APIRequestContext) {
  // The catalog ingests the example entities shortly after start-up.
  for (const path of [
    'group/default/payments',
    'component/default/payments-api',
  ]) {
    await expect
      .poll(
        async () =>
          (
            await request.get(`/api/catalog/entities/by-name/${path}`, {
              headers: auth,
            })
          ).status(),
        { timeout: 60_000 },
      )
      .toBe(200);
  }
  await waitForDemoData(request);
  const response = await request.post('/api/dora/events', {
    headers: auth,
    data: { events: e2eEvents(Date.now()) },
  });
  expect(response.ok()).toBe(true);
}

test('the DORA card shows the same deployment count as the API', async ({
  page,
}) => {
  await seed(page.request);
  const deployments = await deploymentsFromApi(page.request);
  expect(deployments).toBeGreaterThanOrEqual(3);

  await enterAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  const frequency = page.getByRole('group', { name: 'Deployment frequency' });
  await expect(frequency).toBeVisible();
  await expect(
    frequency.getByText(
      new RegExp(`^${deployments} deployments on \\d+ days?$`),
    ),
  ).toBeVisible();
  await expect(
    page.getByText('Service level objectives', { exact: true }),
  ).toBeVisible();

  if (process.env.PR_SCREENSHOTS) {
    await page.screenshot({
      path: 'docs/images/dora-card.png',
      fullPage: true,
    });
  }
});

test('the team page filters by team and drills down to the evidence', async ({
  page,
}) => {
  await seed(page.request);
  await enterAsGuest(page);
  await page.goto('/dora');

  await page.getByRole('button', { name: 'Team' }).click();
  await page.getByRole('option', { name: 'payments', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'payments' })).toBeVisible();

  const services = page.getByRole('table', { name: 'Services of the team' });
  await expect(
    services.getByRole('link', { name: 'payments-api' }),
  ).toBeVisible();

  await services
    .getByRole('button', { name: /^Deployment frequency of payments-api:/ })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Deployments of payments-api')).toBeVisible();
  const pushed = dialog.getByRole('listitem', {
    name: 'Deployment e2e/e2e-deploy-6',
  });
  // Demo data may put many newer deployments first: page until ours shows.
  const items = dialog.getByRole('listitem');
  const more = dialog.getByRole('button', { name: 'Load more' });
  await expect(pushed.or(more).first()).toBeVisible();
  while (!(await pushed.isVisible()) && (await more.isVisible())) {
    const count = await items.count();
    await more.click();
    await expect.poll(() => items.count()).toBeGreaterThan(count);
  }
  await expect(pushed).toBeVisible();
  await expect(pushed.getByText('linked: explicit')).toBeVisible();

  if (process.env.PR_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/images/dora-drill-down.png' });
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('the push example script pushes with the static token and reads the metrics back', async () => {
  const script = path.resolve(
    __dirname,
    '../plugins/dora-backend/scripts/push-example.sh',
  );
  const output = execFileSync(
    script,
    ['http://localhost:7007', 'component:default/cart-service'],
    { env: { ...process.env, PAVED_ROAD_API_TOKEN: TOKEN }, encoding: 'utf8' },
  );
  const [pushed, metrics, evidence] = output
    .trim()
    // Three JSON answers, each starting on a line of its own.
    .split(/\n(?=\{)/)
    .map(json => JSON.parse(json));
  expect(pushed).toEqual({ accepted: 2, updated: 0 });
  expect(metrics.entityRefs).toEqual(['component:default/cart-service']);
  expect(metrics.deploymentFrequency.deployments).toBeGreaterThanOrEqual(1);
  expect(evidence.items[0].source).toBe('example-script');
  expect(evidence.items[0].incidents).toHaveLength(1);
});
