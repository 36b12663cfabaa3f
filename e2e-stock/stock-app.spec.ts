import { Page, expect, test } from '@playwright/test';

/**
 * Our frontend plugins in a stock @backstage/create-app app, wired only as
 * their READMEs say (new frontend system, `app.packages: all`). The backend
 * got one deployment for example-website through the push API before these
 * checks run (scripts/lib/stock-api-checks.sh).
 */

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalog = page.getByRole('link', { name: 'Catalog', exact: true });
  await expect(enter.or(catalog).first()).toBeVisible();
  if (await enter.isVisible()) await enter.click();
  await expect(catalog.first()).toBeVisible();
}

test('the example entity page shows the scorecard and DORA cards', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/example-website');
  await expect(
    page.getByText('Scorecard', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('DORA metrics', { exact: true }).first(),
  ).toBeVisible();
  // The DORA card read the pushed deployment with the user's credentials.
  await expect(
    page.getByRole('group', { name: 'Deployment frequency' }),
  ).toBeVisible();
  // The scorecard card evaluated the two checks the script configured: the
  // example entity is owned by the group `guests` and has no TechDocs.
  await expect(page.getByText('Owned by a team')).toBeVisible();
  await expect(page.getByText('Has TechDocs')).toBeVisible();
  await expect(page.getByLabel('Passed').first()).toBeVisible();
  await expect(page.getByLabel('Failed').first()).toBeVisible();
  await expect(page.getByText('Could not load the scorecard')).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath('entity-page.png'),
    fullPage: true,
  });
});

test('the Scorecards and DORA pages open', async ({ page }) => {
  await signIn(page);
  await page.goto('/scorecard');
  await expect(page.getByRole('heading', { name: 'Scorecards' })).toBeVisible();
  await page.goto('/dora');
  await expect(
    page.getByRole('heading', { name: 'DORA metrics' }),
  ).toBeVisible();
});
