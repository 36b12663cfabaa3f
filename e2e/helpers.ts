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

/**
 * Signs in as an example user (`ada`, `guest`: app-config.e2e.yaml's
 * `auth.providers.e2e.users`) through the e2e-only provider: this page's
 * browser context sends its guest sign-in (and the session refreshes) to
 * `/api/auth/e2e/refresh?as=<user>` instead. Use one browser context per
 * person (`browser.newContext()`).
 */
export async function enterAs(page: Page, user: string) {
  await page.context().route('**/api/auth/guest/refresh*', route => {
    const url = new URL(route.request().url());
    url.pathname = url.pathname.replace(/\/guest\/refresh$/, '/e2e/refresh');
    url.searchParams.set('as', user);
    return route.continue({ url: url.toString() });
  });
  await enterAsGuest(page);
}
