import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { doraApiRef } from '../../api';
import {
  RecordedRequest,
  componentFixture,
  deploymentFixture,
  doraHandlers,
  groupFixture,
  metricsFixture,
  testDoraClient,
  windowDays,
} from '../../__testUtils__/fixtures';
import { DoraPage } from './DoraPage';

const server = setupServer();
registerMswTestHooks(server);

const catalog = catalogApiMock({
  entities: [
    groupFixture('engineering', ['payments', 'checkout']),
    groupFixture('payments', ['cards']),
    groupFixture('cards'),
    groupFixture('checkout'),
    componentFixture('payments-api', {}, 'group:default/payments'),
    componentFixture('card-vault', {}, 'group:default/cards'),
    componentFixture('cart', {}, 'group:default/checkout'),
  ],
});

// Each entity gets its own deployment count so rows can be told apart.
const deploymentsOf: Record<string, number> = {
  'component:default/payments-api': 21,
  'component:default/card-vault': 7,
  'component:default/cart': 3,
};

function metricsFor(params: URLSearchParams) {
  const ref = params.get('entityRef');
  const deployments = ref ? deploymentsOf[ref] : 28;
  return metricsFixture({
    entityRefs: ref
      ? [ref]
      : ['component:default/payments-api', 'component:default/card-vault'],
    deploymentFrequency: {
      deployments,
      deploymentDays: deployments,
      perWeek: deployments / (windowDays(params) / 7),
      tier: deployments > 10 ? 'elite' : 'medium',
    },
  });
}

/** What the backend lists for an owner: its and its child teams' entities. */
const ownedBy: Record<string, string[]> = {
  'group:default/payments': [
    'component:default/card-vault',
    'component:default/payments-api',
    'api:default/payments-events',
  ],
  'group:default/checkout': ['component:default/cart'],
};

async function renderPage(requests: RecordedRequest[], source = 'github') {
  server.use(
    ...doraHandlers({
      requests,
      metrics: params => ({
        ...metricsFor(params),
        ...(source === 'demo' ? { demoData: true } : {}),
      }),
      ownedBy: owner => ownedBy[owner] ?? [],
      deployments: params => [
        deploymentFixture({
          source,
          entityRef:
            params.get('entityRef') ?? 'component:default/payments-api',
          incidents: [
            { ...deploymentFixture().incidents[0], rule: 'explicit' },
          ],
        }),
      ],
    }),
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [doraApiRef, testDoraClient()],
        [catalogApiRef, catalog],
        [
          identityApiRef,
          mockApis.identity({
            ownershipEntityRefs: [
              'user:default/guest',
              'group:default/payments',
            ],
          }),
        ],
      ]}
    >
      <DoraPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const servicesTable = () =>
  screen.getByRole('table', { name: 'Services of the team' });

describe('DoraPage', () => {
  it("labels the team's demo data as such, from the team's figures", async () => {
    const requests: RecordedRequest[] = [];
    await renderPage(requests, 'demo');
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
    expect(requests.some(r => r.path.endsWith('/deployments'))).toBe(false);
  });

  it('has no demo label for real data', async () => {
    const requests: RecordedRequest[] = [];
    await renderPage(requests);
    await screen.findByRole('heading', { name: 'payments' });
    await waitFor(() =>
      expect(requests.some(r => r.path === '/api/dora/metrics')).toBe(true),
    );
    expect(screen.queryByText('Demo data')).toBeNull();
  });

  it("shows the user's team with its child teams' services, keys and tiers", async () => {
    const requests: RecordedRequest[] = [];
    await renderPage(requests);

    expect(
      await screen.findByRole('heading', { name: 'payments' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(servicesTable()).getAllByRole('row')).toHaveLength(3),
    );
    const rows = within(servicesTable()).getAllByRole('row');
    expect(
      within(rows[1]).getByRole('link', { name: 'card-vault' }),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('button', {
        name: 'Deployment frequency of card-vault: 1.6 / week',
      }),
    ).toBeInTheDocument();
    expect(
      within(within(rows[1]).getAllByRole('cell')[1]).getByText('Medium'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('button', {
        name: 'Deployment frequency of payments-api: 4.9 / week',
      }),
    ).toBeInTheDocument();
    expect(
      within(within(rows[2]).getAllByRole('cell')[1]).getByText('Elite'),
    ).toBeInTheDocument();
    // build figures come from the same by-entity response
    const header = within(rows[0]).getAllByRole('columnheader');
    const column = (name: string) =>
      header.findIndex(h => h.textContent === name);
    const cells = within(rows[2]).getAllByRole('cell');
    expect(cells[column('Build time')]).toHaveTextContent(
      'median 8.5 min · p90 14 min',
    );
    expect(cells[column('Build success')]).toHaveTextContent('90.9%');
    expect(screen.queryByRole('link', { name: 'cart' })).toBeNull();

    // the roll-up asks for the team as owner
    const rollup = requests.find(
      r =>
        r.params.get('owner') === 'group:default/payments' &&
        windowDays(r.params) === 30,
    );
    expect(rollup).toBeDefined();
    expect(await screen.findByText('6.5 / week')).toBeInTheDocument();
    // one request for the 12 weekly buckets of the team's trend charts
    const trends = () =>
      requests.filter(r => r.path.endsWith('/metrics/trend'));
    await waitFor(() => expect(trends()).toHaveLength(1));
    expect(trends()[0].params.get('owner')).toBe('group:default/payments');
    expect(trends()[0].params.get('count')).toBe('12');
    // one request for the services table, whatever the number of services
    const byEntity = requests.filter(r =>
      r.path.endsWith('/metrics/by-entity'),
    );
    expect(byEntity).toHaveLength(1);
    expect(byEntity[0].params.get('owner')).toBe('group:default/payments');
    expect(windowDays(byEntity[0].params)).toBe(30);
    expect(requests.filter(r => r.params.get('entityRef'))).toEqual([]);
    expect(
      await screen.findByText('Deployment frequency (per week, weekly)'),
    ).toBeInTheDocument();
  });

  it('filters by team and window', async () => {
    const requests: RecordedRequest[] = [];
    await renderPage(requests);
    await screen.findByRole('heading', { name: 'payments' });

    await userEvent.click(screen.getByRole('button', { name: 'Team' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'checkout' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'checkout' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'cart' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'payments-api' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() =>
      expect(
        requests.some(
          r =>
            r.path.endsWith('/metrics/by-entity') &&
            r.params.get('owner') === 'group:default/checkout' &&
            windowDays(r.params) === 7,
        ),
      ).toBe(true),
    );
    expect(
      await screen.findByRole('button', {
        name: 'Deployment frequency of cart: 3 / week',
      }),
    ).toBeInTheDocument();
  });

  it('drills down from a number to the deployment evidence', async () => {
    const requests: RecordedRequest[] = [];
    await renderPage(requests);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Deployment frequency of payments-api: 4.9 / week',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Deployments of payments-api'),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText('linked: explicit'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/component:default\/payments-api · production/),
    ).toBeInTheDocument();
    const evidence = requests.find(
      r => r.path.endsWith('/deployments') && r.params.get('entityRef'),
    )!;
    expect(evidence.params.get('entityRef')).toBe(
      'component:default/payments-api',
    );
    expect(windowDays(evidence.params)).toBe(30);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
