import { defineConfig } from '@playwright/test';
import { chromiumProject } from './playwright.chromium';

/**
 * Browser tests against the real example app: the backend serves the built
 * frontend (`yarn workspace app build`) on :7007 with app-config.e2e.yaml.
 * Debian's Chromium drives them; Playwright never downloads a browser.
 */
const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';

export default defineConfig({
  testDir: './e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command:
            'yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
          url: 'http://localhost:7007/.backstage/health/v1/readiness',
          reuseExistingServer: !process.env.CI,
          timeout: 180_000,
          env: {
            PAVED_ROAD_API_TOKEN:
              process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token',
          },
        },
      ],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [chromiumProject],
});
