import { test, expect } from '@playwright/test';
import { enterAsGuest } from './helpers';

test('a guest opens an example component and sees the suite on its page', async ({
  page,
}) => {
  await enterAsGuest(page);

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await page.getByRole('link', { name: 'payments-api', exact: true }).click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-api/);
  await expect(
    page.getByText('Scorecard', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('DORA metrics', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/GitHub \(paved-road-examples\/payments-api\)/),
  ).toBeVisible();

  if (process.env.PR_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/images/component-page.png' });
  }
});

test('the suite pages are in the sidebar', async ({ page }) => {
  await enterAsGuest(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'DORA' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Scorecards' })).toBeVisible();
});

test('each suite page has one title (the app adds no second header)', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/scorecard');
  await expect(
    page.getByRole('heading', { name: 'Overview', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Scorecards', exact: true }),
  ).toHaveCount(1);
  await page.goto('/dora');
  await expect(
    page.getByRole('heading', { level: 1, name: 'DORA metrics', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
});
