import { APIRequestContext, Page, expect } from '@playwright/test';

/** Signs in with the guest provider, as a local user would. */
export async function enterAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Waits until the demo DORA provider (examples only) finished its first
 * sync, so figures read from the API do not change under a test.
 */
export async function waitForDemoData(request: APIRequestContext) {
  const token = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/dora/providers', {
          headers: { Authorization: `Bearer ${token}` },
        });
        if (!response.ok()) return `HTTP ${response.status()}`;
        const { items } = await response.json();
        const demo = items.find((p: { id: string }) => p.id === 'demo');
        if (!demo) return 'no demo provider';
        if (demo.lastError) return `failed: ${demo.lastError}`;
        return demo.lastFinishedAt ? 'synced' : 'syncing';
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe('synced');
}

/**
 * Waits until the scorecard's scheduled full pass evaluated the example
 * catalog (the overview then lists entities of every team).
 */
export async function waitForScorecardPass(
  request: APIRequestContext,
  entityRef = 'component:default/checkout-web',
) {
  const token = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/scorecard/overview', {
          headers: { Authorization: `Bearer ${token}` },
        });
        if (!response.ok()) return false;
        const { items } = await response.json();
        return items.some(
          (i: { entityRef: string }) => i.entityRef === entityRef,
        );
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe(true);
}
