import { test, expect } from '@playwright/test';
import { enterAsGuest, waitForDemoData } from './helpers';

test('a component page shows its scorecard, and refresh re-evaluates it', async ({
  page,
}) => {
  // The demo data's first sync writes a year of events; let it finish first.
  await waitForDemoData(page.request);
  await enterAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  await expect(
    page.getByText('Scorecard', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByLabel(/^Level: /)).toBeVisible();
  await expect(page.getByLabel('Score', { exact: true })).toContainText(
    '/ 100',
  );
  // Example checks from app-config.yaml, grouped by category.
  await expect(page.getByText('Owned by a team')).toBeVisible();
  await expect(page.getByText('Has TechDocs')).toBeVisible();
  await expect(page.getByText('Ownership', { exact: true })).toBeVisible();

  const refresh = page.getByRole('button', { name: 'Refresh scorecard' });
  await expect(refresh).toBeVisible();
  const refreshed = page.waitForResponse(
    res =>
      res.request().method() === 'POST' &&
      res
        .url()
        // Kinds are case-insensitive: the card sends the entity's `Component`.
        .toLowerCase()
        .endsWith(
          '/api/scorecard/entities/component/default/payments-api/refresh',
        ),
  );
  await refresh.click();
  expect((await refreshed).status()).toBe(200);
  await expect(page.getByLabel(/^Level: /)).toBeVisible();
  await expect(page.getByText('Owned by a team')).toBeVisible();
});

test('the scorecard page lists entities and filters by owner', async ({
  page,
}) => {
  await enterAsGuest(page);
  // Make sure payments-api has a stored result even before the first pass.
  await page.goto('/catalog/default/component/payments-api');
  await expect(page.getByLabel(/^Level: /)).toBeVisible();

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Scorecards' })
    .click();
  await expect(page).toHaveURL(/\/scorecard/);
  const entities = page.getByRole('table', { name: 'Entities' });
  await expect(
    entities.getByRole('link', { name: 'payments-api' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Team roll-up' })).toBeVisible();

  // The guest belongs to the payments team: "My teams" keeps its services only.
  await page.locator('#scorecard-filter-owner').click();
  await page.getByRole('option', { name: 'My teams' }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(
    entities.getByRole('link', { name: 'payments-api' }),
  ).toBeVisible();
  await expect(
    entities.getByRole('link', { name: 'cart-service' }),
  ).toHaveCount(0);
  await expect(
    entities.getByRole('link', { name: 'checkout-web' }),
  ).toHaveCount(0);

  // An explicit owner works the same way.
  await page.locator('#scorecard-filter-owner').click();
  await page.getByRole('option', { name: 'group:default/payments' }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(
    entities.getByRole('link', { name: 'payments-api' }),
  ).toBeVisible();
  await expect(
    entities.getByRole('link', { name: 'cart-service' }),
  ).toHaveCount(0);
});
