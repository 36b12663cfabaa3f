import {
  APIRequestContext,
  Browser,
  Page,
  expect,
  test,
} from '@playwright/test';
import { enterAs, waitForScorecardPass } from './helpers';

/**
 * Issue 16's journey with two people: ada (platform team: manages campaigns,
 * approves exemptions under the example policy) and the guest (payments
 * team: owns payments-api, ledger and refunds). Each signs in in their own
 * browser context (helpers.ts, enterAs).
 *
 * Repeatable against one running backend: the campaign's title is unique
 * per run, and the exemption goes to a failing check of a payments service
 * that has no live exemption yet (a live one blocks a new request).
 */

// Dates on the page (deadline, exemption expiry) in a known form.
test.use({ locale: 'en-US', timezoneId: 'UTC' });

const TOKEN = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';
const headers = { Authorization: `Bearer ${TOKEN}` };
const DAY_MS = 86_400_000;
/** The campaign's goal; examples/ has services on 1.0.0 and on 1.1.0. */
const GOAL_CHECK = 'golden-path-current';
const LATEST = /@1\.1\.\d+$/;

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
/** `YYYY-MM-DD` as `toLocaleDateString()` shows it in en-US. */
const usDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
};

interface Component {
  metadata: { name: string; annotations: Record<string, string> };
  relations?: Array<{ type: string; targetRef: string }>;
}

/**
 * What the catalog implies for the campaign, independently of the
 * scorecard: per owning team, the golden-path services (annotated
 * components of type service) and how many are on the latest 1.1.
 */
async function expectedProgress(request: APIRequestContext) {
  const response = await request.get('/api/catalog/entities/by-query', {
    headers,
    params: {
      filter:
        'kind=component,spec.type=service,metadata.annotations.paved-road.dev/golden-path',
      fields: 'metadata.name,metadata.annotations,relations',
      limit: '500',
    },
  });
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: Component[] };
  const teams = new Map<string, { done: number; total: number }>();
  for (const c of items) {
    const owner = c.relations?.find(r => r.type === 'ownedBy')?.targetRef;
    if (!owner) continue;
    const t = teams.get(owner) ?? { done: 0, total: 0 };
    t.total += 1;
    if (LATEST.test(c.metadata.annotations['paved-road.dev/golden-path'])) {
      t.done += 1;
    }
    teams.set(owner, t);
  }
  return teams;
}

/**
 * A failing check (not the campaign's goal, so the campaign's figures stay
 * those of the catalog) of a payments service, without a pending request.
 */
async function pickExemption(request: APIRequestContext) {
  for (const name of ['ledger', 'refunds', 'payments-api']) {
    const entityRef = `component:default/${name}`;
    const card = await request.get(
      `/api/scorecard/entities/component/default/${name}`,
      { headers },
    );
    expect(card.status()).toBe(200);
    const { checks, score } = await card.json();
    const pending = await request.get('/api/scorecard/exemptions', {
      headers,
      params: { entityRef, status: 'pending' },
    });
    expect(pending.status()).toBe(200);
    const taken = new Set(
      (await pending.json()).items.map((e: { checkId: string }) => e.checkId),
    );
    const check = checks.find(
      (c: { id: string; status: string }) =>
        c.status === 'fail' && c.id !== GOAL_CHECK && !taken.has(c.id),
    );
    if (check) {
      return { name, entityRef, checkTitle: check.title as string, score };
    }
  }
  throw new Error(
    'Every failing check of the payments services is exempt or requested already: restart the e2e backend (in-memory database)',
  );
}

async function newPerson(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await enterAs(page, user);
  return page;
}

async function readScore(page: Page): Promise<number> {
  const score = page.getByLabel('Score', { exact: true });
  await expect(score).toContainText('/ 100');
  return Number((await score.textContent())!.match(/^\s*(\d+)/)![1]);
}

test('a lead runs a campaign; an owner gets an exemption approved and the reminder', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  await waitForScorecardPass(request);
  const run = Date.now().toString(36);
  const deadline = day(3); // within campaignReminder.daysBefore (7)
  const title = `golden path 1.1 by ${deadline} (e2e ${run})`;

  const lead = await newPerson(browser, 'ada');
  const owner = await newPerson(browser, 'guest');

  let campaignId = '';
  await test.step('the lead creates the campaign', async () => {
    await lead.goto('/scorecard');
    await lead.getByRole('button', { name: 'New campaign' }).click();
    const dialog = lead.getByRole('dialog');
    await dialog.locator('#campaign-title').fill(title);
    await dialog
      .locator('#campaign-description')
      .fill('Every golden-path service on 1.1 (browser test).');
    await dialog.locator('#campaign-goal').click();
    await lead
      .getByRole('option', {
        name: 'Check passing: On the latest golden-path version',
      })
      .click();
    await dialog
      .locator('#campaign-annotation')
      .fill('paved-road.dev/golden-path');
    await dialog.locator('#campaign-deadline').fill(deadline);
    await dialog.locator('#campaign-owner').fill('group:default/platform');
    const created = lead.waitForResponse(
      r =>
        r.request().method() === 'POST' &&
        r.url().endsWith('/api/scorecard/campaigns'),
    );
    await dialog.getByRole('button', { name: 'Create' }).click();
    const response = await created;
    expect(response.status(), await response.text()).toBe(201);
    campaignId = (await response.json()).id;
    await expect(dialog).toBeHidden();
  });

  await test.step('the lead sees per-team progress and the laggards', async () => {
    const expected = await expectedProgress(request);
    const data = expected.get('group:default/data');
    const payments = expected.get('group:default/payments')!;
    // examples/fleet.yaml: 30 data services, 7 of them on 1.1.
    expect(data).toEqual({ done: 7, total: 30 });
    // examples/entities.yaml: refunds on 1.1, payments-api and ledger behind
    // (golden-path.spec may have added a scaffolded service on 1.1).
    expect(payments.total - payments.done).toBe(2);
    const all = [...expected.values()].reduce(
      (a, t) => ({ done: a.done + t.done, total: a.total + t.total }),
      { done: 0, total: 0 },
    );

    const row = lead
      .getByRole('table', { name: 'Campaigns' })
      .getByRole('row')
      .filter({ hasText: title });
    await expect(row).toContainText(deadline);
    await expect(row).toContainText(`(${all.done} of ${all.total})`);

    const teams = lead.getByRole('table', { name: 'Progress per team' });
    await expect(
      teams.getByLabel('group:default/data: 7 of 30 done'),
    ).toBeVisible();
    await expect(
      teams.getByLabel(
        `group:default/payments: ${payments.done} of ${payments.total} done`,
      ),
    ).toBeVisible();
    // Child teams count into their parent.
    await expect(
      teams.getByLabel(
        `group:default/engineering: ${all.done} of ${all.total} done`,
      ),
    ).toBeVisible();
    await expect(teams.getByRole('row')).toHaveCount(3);
    await expect(lead).toHaveURL(new RegExp(`campaign=${campaignId}`));

    const laggards = lead.getByRole('table', { name: 'Entities not done' });
    for (const [entity, team] of [
      ['payments-api', 'payments'],
      ['ledger', 'payments'],
      ['data-pipeline-01', 'data'],
    ]) {
      const laggard = laggards.getByRole('row').filter({
        has: lead.getByRole('link', { name: entity, exact: true }),
      });
      await expect(laggard.getByRole('cell').nth(1)).toHaveText(team);
      await expect(laggard).toContainText('On the latest golden-path version');
    }
    await expect(
      laggards.getByRole('link', { name: 'refunds', exact: true }),
    ).toHaveCount(0);
  });

  const exemption = await pickExemption(request);
  const expires = day(30);
  const justification = `Fixed next quarter, agreed with the platform team (e2e ${run})`;
  let before = 0;
  await test.step('the owner requests an exemption', async () => {
    // Not a campaign manager nor an approver.
    await owner.goto('/scorecard');
    await expect(
      owner.getByRole('table', { name: 'Campaigns' }).getByText(title),
    ).toBeVisible();
    await expect(
      owner.getByRole('button', { name: 'New campaign' }),
    ).toHaveCount(0);
    await expect(owner.getByText('Pending exemptions')).toHaveCount(0);

    await owner.goto(`/catalog/default/component/${exemption.name}`);
    before = await readScore(owner);
    expect(before).toBe(exemption.score);
    await owner
      .getByRole('button', {
        name: `Request exemption from ${exemption.checkTitle}`,
      })
      .click();
    const dialog = owner.getByRole('dialog');
    await dialog.locator('#exemption-justification').fill(justification);
    await dialog.locator('#exemption-expires').fill(expires);
    await dialog.getByRole('button', { name: 'Request exemption' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      owner.getByText(
        `Exemption until ${usDate(
          expires,
        )} requested by user:default/guest, pending approval`,
      ),
    ).toBeVisible();
    await expect(
      owner.getByRole('button', {
        name: `Request exemption from ${exemption.checkTitle}`,
      }),
    ).toHaveCount(0);
    expect(await readScore(owner)).toBe(before);
  });

  await test.step('the lead approves it', async () => {
    await lead.goto('/scorecard');
    const pending = lead.getByRole('table', { name: 'Pending exemptions' });
    const row = pending.getByRole('row').filter({ hasText: justification });
    await expect(row).toContainText('user:default/guest');
    await expect(row).toContainText(exemption.checkTitle);
    const decided = lead.waitForResponse(
      r =>
        r.request().method() === 'POST' &&
        /\/api\/scorecard\/exemptions\/[^/]+\/decision$/.test(r.url()),
    );
    await row
      .getByRole('button', {
        name: `Approve ${exemption.checkTitle} for ${exemption.entityRef}`,
      })
      .click();
    expect((await decided).status()).toBe(200);
    await expect(row).toHaveCount(0);
  });

  await test.step('the card shows the exemption and the score rises', async () => {
    await owner.reload();
    await expect(
      owner.getByText(
        `Exempt until ${usDate(
          expires,
        )} — ${justification} — approved by user:default/ada`,
      ),
    ).toBeVisible();
    const after = await readScore(owner);
    expect(after).toBeGreaterThan(before);
  });

  await test.step("the owner's notifications show the campaign reminder", async () => {
    const reminder = `${title}: due in 3 days`;
    await owner.goto('/notifications');
    const link = owner.getByRole('link', { name: reminder, exact: true });
    // The reminder job runs every 10 s in app-config.e2e.yaml; the page
    // shows what was sent before it loaded.
    await expect(async () => {
      await owner.reload();
      await expect(link).toBeVisible({ timeout: 20_000 });
    }).toPass({ timeout: 120_000, intervals: [1_000] });
    await expect(link).toHaveAttribute(
      'href',
      `/scorecard?campaign=${encodeURIComponent(campaignId)}`,
    );
    await expect(owner.getByRole('row').filter({ has: link })).toContainText(
      `2 entities you own are not done yet (deadline ${deadline}): ledger, payments-api.`,
    );

    await link.click();
    await expect(owner).toHaveURL(/\/scorecard\?campaign=/);
    await expect(
      owner.getByRole('heading', { name: title, exact: true }),
    ).toBeVisible();
    await expect(
      owner
        .getByRole('table', { name: 'Progress per team' })
        .getByLabel('group:default/data: 7 of 30 done'),
    ).toBeVisible();
  });

  await lead.context().close();
  await owner.context().close();
});
