import { devices } from '@playwright/test';

/**
 * The one browser of every Playwright run here: Debian's Chromium
 * (scripts/lib/chromium.sh installs it); Playwright never downloads one.
 */
export const chromiumProject = {
  name: 'chromium',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: process.env.PR_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
};
