import { defineConfig } from '@playwright/test';
import { chromiumProject } from '../playwright.chromium';

/**
 * Browser checks of the stock app that scripts/stock-install.sh generates:
 * our frontend plugins, installed from their tarballs into a fresh
 * @backstage/create-app app, as its users see them. The script starts that
 * app's backend (serving the built frontend) and passes its URL.
 */
const baseURL = process.env.PR_STOCK_URL;
if (!baseURL) {
  throw new Error(
    'PR_STOCK_URL is not set: run these checks through scripts/stock-install.sh',
  );
}

export default defineConfig({
  testDir: '.',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  workers: 1,
  outputDir: '../node_modules/.cache/e2e-stock-results',
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [chromiumProject],
});
