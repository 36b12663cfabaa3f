import { Page, expect, test } from '@playwright/test';
import { enterAsGuest, waitForDemoData, waitForScorecardPass } from './helpers';

/**
 * The three ways people meet Paved Road, end to end in the example app. Each
 * journey saves a screenshot under docs/images (shown in the README) when
 * PR_SCREENSHOTS=1.
 */
async function screenshot(page: Page, name: string) {
  if (process.env.PR_SCREENSHOTS) {
    await page.screenshot({ path: `docs/images/${name}.png`, fullPage: true });
  }
}

test('a service team creates a golden-path service and sees its files', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/create');
  // The template's own card: the nearest ancestor with a Choose button.
  const card = page
    .getByRole('heading', {
      name: 'Golden-path service (preview, no repository)',
    })
    .locator(
      'xpath=ancestor::*[.//button[@data-testid="template-card-actions--create"]][1]',
    );
  await card.getByRole('button', { name: 'Choose' }).click();

  await page.getByRole('textbox', { name: 'Name' }).fill('orders-api');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Takes orders from the storefront');
  await page.getByRole('textbox', { name: 'Owner' }).click();
  await page
    .getByRole('option', { name: /payments/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Review' }).click();

  // The review step shows what will be created before anything runs.
  await expect(page.getByText('orders-api').first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task runs the real actions: skeleton, golden path, file listing.
  await expect(page.getByText('Generated files').first()).toBeVisible({
    timeout: 60_000,
  });
  // The task's output panel lists each generated file.
  const output = page;
  for (const file of [
    'catalog-info.yaml',
    'slo.yaml',
    'CODEOWNERS',
    'mkdocs.yml',
    '.github/workflows/golden-path.yaml',
  ]) {
    await expect(
      output
        .getByRole('listitem')
        .filter({ hasText: new RegExp(`^${file.replace(/\./g, '\\.')}$`) }),
    ).toBeVisible();
  }
  await expect(
    output.getByText('component:default/orders-api', { exact: true }),
  ).toBeVisible();
  await screenshot(page, 'journey-service-team');
});

test('an entity owner sees scorecard, DORA and SLO cards with demo data and follows a remediation into its template', async ({
  page,
}) => {
  await waitForDemoData(page.request);
  await enterAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  // Scorecard: level and checks from the example config.
  await expect(page.getByLabel(/^Level: /)).toBeVisible();
  await expect(
    page.getByText('On the latest golden-path version'),
  ).toBeVisible();
  // DORA: a year of demo deployments, labelled as demo data.
  const frequency = page.getByRole('group', { name: 'Deployment frequency' });
  await expect(frequency).toBeVisible();
  await expect(
    frequency.getByText(/^\d+ deployments on \d+ days?$/),
  ).toBeVisible();
  await expect(page.getByText(/demo data/i).first()).toBeVisible();
  // SLO: the example availability objective, computed from demo incidents.
  await expect(page.getByText('Payments API availability')).toBeVisible();
  await expect(
    page.getByText(
      /^Attainment \d+\.\d+% against a target of 99\.50% over 30d$/,
    ),
  ).toBeVisible();
  await screenshot(page, 'journey-entity-owner');

  // payments-api is on node-service 1.0.0, the latest is 1.1.0: the
  // remediation leads to the upgrade template.
  const check = page
    .getByRole('listitem')
    .filter({ hasText: 'On the latest golden-path version' })
    .last();
  await check.getByRole('button', { name: 'Fix with a template' }).click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/golden-path-upgrade/,
  );
  await expect(
    page.getByText('Repository of the service').first(),
  ).toBeVisible();
});

test('a platform lead filters the scorecard overview and the DORA team page by team', async ({
  page,
}) => {
  await waitForDemoData(page.request);
  await waitForScorecardPass(page.request);
  await enterAsGuest(page);

  await page.goto('/scorecard');
  const entities = page.getByRole('table', { name: 'Entities' });
  await expect(
    entities.getByRole('link', { name: 'payments-api' }),
  ).toBeVisible();
  await page.getByLabel('Owner').click();
  await page
    .getByRole('option', { name: 'group:default/checkout', exact: true })
    .click();
  await expect(
    entities.getByRole('link', { name: 'checkout-web' }),
  ).toBeVisible();
  await expect(
    entities.getByRole('link', { name: 'payments-api' }),
  ).toHaveCount(0);
  await screenshot(page, 'journey-platform-lead-scorecard');

  await page.goto('/dora');
  await page.getByRole('button', { name: 'Team' }).click();
  await page.getByRole('option', { name: 'payments', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'payments' })).toBeVisible();
  const services = page.getByRole('table', { name: 'Services of the team' });
  await expect(
    services.getByRole('link', { name: 'payments-api' }),
  ).toBeVisible();
  await expect(services.getByRole('link', { name: 'ledger' })).toBeVisible();
  await expect(
    services.getByRole('link', { name: 'checkout-web' }),
  ).toHaveCount(0);
  await screenshot(page, 'journey-platform-lead-dora');
});
