import { Page, Request, expect, test } from '@playwright/test';
import { enterAsGuest, waitForDemoData } from './helpers';

/**
 * How many requests the DORA views make to /api/dora: the entity page with
 * the DORA and SLO cards at most 4, and the team page the same number for
 * a team of 3 services (payments) as for one of 30 (data, examples/fleet.yaml).
 */

function recordDoraRequests(page: Page) {
  const seen: string[] = [];
  const listener = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/dora/')) {
      seen.push(`${request.method()} ${url.pathname}`);
    }
  };
  page.on('request', listener);
  return {
    seen,
    stop: () => page.off('request', listener),
  };
}

/** Waits until no request to /api/dora started for a while. */
async function settle(page: Page, seen: string[]) {
  let count = -1;
  await expect
    .poll(
      async () => {
        const before = seen.length;
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(1500);
        const stable = seen.length === before && before === count;
        count = seen.length;
        return stable;
      },
      { timeout: 60_000, intervals: [0] },
    )
    .toBe(true);
}

test('the entity page with the DORA and SLO cards makes at most 4 requests to /api/dora', async ({
  page,
}) => {
  await waitForDemoData(page.request);
  await enterAsGuest(page);
  const recorded = recordDoraRequests(page);
  await page.goto('/catalog/default/component/payments-api');
  await expect(
    page.getByRole('group', { name: 'Deployment frequency' }),
  ).toBeVisible();
  await expect(
    page.getByText('Service level objectives', { exact: true }),
  ).toBeVisible();
  await settle(page, recorded.seen);
  recorded.stop();
  expect(recorded.seen.length, recorded.seen.join('\n')).toBeLessThanOrEqual(4);
});

test('the team page makes the same requests for a team of 3 services as for one of 30', async ({
  page,
}) => {
  await waitForDemoData(page.request);
  await enterAsGuest(page);
  await page.goto('/dora');

  // The payments team owns 3 services in examples/, plus whatever the golden
  // path journey scaffolded for it when that spec ran first; the data team
  // owns exactly 30 (examples/fleet.yaml).
  const requestsFor = async (
    team: string,
    oneService: string,
    atLeast: number,
  ) => {
    const recorded = recordDoraRequests(page);
    await page.getByRole('button', { name: 'Team' }).click();
    await page.getByRole('option', { name: team, exact: true }).click();
    await expect(
      page.getByRole('heading', { name: team, exact: true }),
    ).toBeVisible();
    const table = page.getByRole('table', { name: 'Services of the team' });
    // The table comes from one response: once one of the team's services
    // shows, all of them do.
    await expect(table.getByRole('link', { name: oneService })).toBeVisible();
    const rows = await table.getByRole('row').count();
    expect(rows - 1).toBeGreaterThanOrEqual(atLeast);
    await settle(page, recorded.seen);
    recorded.stop();
    return { rows: rows - 1, seen: [...recorded.seen].sort() };
  };

  const small = await requestsFor('payments', 'refunds', 3);
  const large = await requestsFor('data', 'data-pipeline-30', 30);
  expect(small.rows).toBeLessThan(10);
  expect(large.rows).toBe(30);
  expect(small.seen.length).toBeGreaterThan(0);
  expect(large.seen).toEqual(small.seen);
});
