import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  CampaignDetail,
  CampaignSummary,
  ScorecardChecksResponse,
} from '@paved-road/plugin-scorecard-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ScorecardClient, scorecardApiRef } from '../../api';
import { CampaignsPanel } from './CampaignsPanel';
import { EntityCampaigns } from './EntityCampaigns';

const checks: ScorecardChecksResponse = {
  levels: [{ id: 'silver', title: 'Silver' }],
  checks: [
    {
      id: 'golden-path-current',
      title: 'On the latest golden path',
      category: 'Golden path',
      weight: 1,
      fact: 'golden-path:current',
      operator: 'eq',
      value: true,
    },
  ],
  exemptions: { maxDurationMs: 1, autoApprove: false },
};

const summary: CampaignSummary = {
  id: 'golden-path-1-1',
  title: 'Golden path 1.1',
  description: 'Everyone on 1.1',
  goal: { check: 'golden-path-current' },
  filter: { kind: ['component'] },
  deadline: '2027-03-31',
  owner: 'group:default/platform',
  source: 'config',
  closedAt: null,
  done: 3,
  total: 4,
};

const detail: CampaignDetail = {
  ...summary,
  teams: [
    { team: 'group:default/payments', done: 1, total: 2 },
    { team: 'group:default/platform', done: 3, total: 4 },
  ],
  history: [
    { day: '2026-12-01', done: 1, total: 4 },
    { day: '2026-12-04', done: 3, total: 4 },
  ],
  entitiesNotDone: [
    {
      entityRef: 'component:default/cart-service',
      owner: 'group:default/payments',
      failingChecks: [
        {
          id: 'golden-path-current',
          title: 'On the latest golden path',
          remediation: {
            text: 'Upgrade with the golden-path action',
            template: 'template:default/golden-path-upgrade',
          },
        },
      ],
    },
  ],
  entitiesNotDoneCount: 1,
  upgrades: [
    {
      entityRef: 'component:default/cart-service',
      state: 'opened',
      repository: 'acme/cart-service',
      changeRequest: {
        number: 7,
        url: 'https://github.com/acme/cart-service/pull/7',
      },
      updatedAt: '2026-12-05T04:00:00.000Z',
    },
    {
      entityRef: 'component:default/legacy',
      state: 'failed',
      repository: '',
      reason:
        "The entity has no 'github.com/project-slug' or 'gitlab.com/project-slug' annotation",
      updatedAt: '2026-12-05T04:01:00.000Z',
    },
  ],
};

function fakeFetch() {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  const fetch = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, init });
      if (url.endsWith('/campaigns') && init?.method === 'POST') {
        const body = JSON.parse(String(init.body));
        if (!body.title) {
          return json(
            {
              error: {
                name: 'InputError',
                message: "Invalid 'title': required",
              },
            },
            400,
          );
        }
        return json(
          { ...summary, ...body, id: 'new-1', done: 0, total: 2 },
          201,
        );
      }
      if (url.endsWith('/upgrades') && init?.method === 'POST') {
        return json({ started: 2 }, 202);
      }
      if (url.endsWith('/campaigns')) return json({ items: [summary] });
      if (url.includes('/campaigns/')) return json(detail);
      return json({}, 404);
    },
  );
  return { fetch, calls };
}

async function renderPanel(
  authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  routeEntries?: string[],
) {
  const { fetch, calls } = fakeFetch();
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [
            scorecardApiRef,
            new ScorecardClient({
              discoveryApi: mockApis.discovery(),
              fetchApi: { fetch },
            }),
          ],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <CampaignsPanel checks={checks} />
      </TestApiProvider>
    </SWRConfig>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries,
    },
  );
  return calls;
}

describe('CampaignsPanel', () => {
  it('lists campaigns with deadline, owner and share done, and hides "New campaign" without the permission', async () => {
    await renderPanel(AuthorizeResult.DENY);
    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const row = within(table).getByText('Golden path 1.1').closest('tr')!;
    expect(row).toHaveTextContent('2027-03-31');
    expect(row).toHaveTextContent('platform');
    expect(row).toHaveTextContent('75% (3 of 4)');
    expect(screen.queryByText('New campaign')).not.toBeInTheDocument();
  });

  it('shows the detail: team progress, burn-down and the entities not done with owners and remediation', async () => {
    await renderPanel(AuthorizeResult.DENY);
    await userEvent.click(await screen.findByText('Golden path 1.1'));
    const teams = await screen.findByRole('table', {
      name: 'Progress per team',
    });
    expect(within(teams).getAllByRole('row')).toHaveLength(2);
    expect(
      within(teams).getByLabelText('group:default/payments: 1 of 2 done'),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(
      screen.getByRole('img', {
        name: 'Burn-down: 1 entities not done on 2026-12-04, deadline 2027-03-31',
      }),
    ).toBeInTheDocument();
    const laggards = screen.getByRole('table', { name: 'Entities not done' });
    const row = within(laggards).getByText('cart-service').closest('tr')!;
    expect(row).toHaveTextContent('payments');
    expect(row).toHaveTextContent('Upgrade with the golden-path action');
    expect(
      within(row).getByRole('link', { name: 'Run the template' }),
    ).toHaveAttribute('href', '/create/templates/default/golden-path-upgrade');
  });

  it('opens the campaign named by ?campaign=, the link of campaign reminders', async () => {
    const calls = await renderPanel(AuthorizeResult.DENY, [
      '/?campaign=golden-path-1-1',
    ]);
    expect(
      await screen.findByRole('table', { name: 'Progress per team' }),
    ).toBeInTheDocument();
    expect(calls.some(c => c.url.endsWith('/campaigns/golden-path-1-1'))).toBe(
      true,
    );
  });

  it('shows each entity\'s upgrade state with its PR link, and hides "Open upgrade PRs" without the permission', async () => {
    await renderPanel(AuthorizeResult.DENY);
    await userEvent.click(await screen.findByText('Golden path 1.1'));
    const upgrades = await screen.findByRole('table', { name: 'Upgrades' });
    const opened = within(upgrades)
      .getByText('acme/cart-service')
      .closest('tr')!;
    expect(opened).toHaveTextContent('Opened');
    expect(within(opened).getByRole('link', { name: /#7/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/cart-service/pull/7',
    );
    const failed = within(upgrades).getByText('legacy').closest('tr')!;
    expect(failed).toHaveTextContent(
      "Failed — The entity has no 'github.com/project-slug'",
    );
    expect(screen.queryByText('Open upgrade PRs')).not.toBeInTheDocument();
  });

  it('opens upgrade PRs for a campaign manager', async () => {
    const calls = await renderPanel(AuthorizeResult.ALLOW);
    await userEvent.click(await screen.findByText('Golden path 1.1'));
    await userEvent.click(await screen.findByText('Open upgrade PRs'));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Upgrading 2 entities',
    );
    const post = calls.find(c => c.url.endsWith('/upgrades'));
    expect(post?.url).toMatch(/\/campaigns\/golden-path-1-1\/upgrades$/);
    expect(post?.init?.method).toBe('POST');
  });

  it('creates a campaign with the permission, showing the backend error naming the field first', async () => {
    const calls = await renderPanel(AuthorizeResult.ALLOW);
    await userEvent.click(await screen.findByText('New campaign'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByText('Create'));
    await waitFor(() =>
      expect(dialog).toHaveTextContent("Invalid 'title': required"),
    );
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Docs 2027');
    await userEvent.type(
      within(dialog).getByLabelText(/Annotation/),
      'example.com/docs',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Deadline/),
      '2027-06-30',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Owner group/),
      'group:default/platform',
    );
    await userEvent.click(within(dialog).getByText('Create'));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const posts = calls.filter(c => c.init?.method === 'POST');
    expect(JSON.parse(String(posts[1].init!.body))).toEqual({
      title: 'Docs 2027',
      description: '',
      goal: { check: 'golden-path-current' },
      filter: { kind: ['component'], annotation: 'example.com/docs' },
      deadline: '2027-06-30',
      owner: 'group:default/platform',
    });
    // The new campaign's detail is loaded.
    await waitFor(() =>
      expect(calls.some(c => c.url.endsWith('/campaigns/new-1'))).toBe(true),
    );
  }, 30_000);
});

describe('EntityCampaigns', () => {
  it('names each campaign and its due date', async () => {
    await renderInTestApp(
      <EntityCampaigns
        campaigns={[
          {
            id: 'a',
            title: 'Golden path 1.1',
            deadline: '2027-03-31',
            done: false,
          },
          { id: 'b', title: 'Docs', deadline: '2027-01-31', done: true },
        ]}
      />,
    );
    expect(screen.getByText(/^Part of:/)).toHaveTextContent(
      'Part of: Golden path 1.1 (due 2027-03-31), Docs (due 2027-01-31, done)',
    );
  });
});
