import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  DoraEntitySlos,
  DoraSlosByEntity,
} from '@paved-road/plugin-dora-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { doraApiRef } from '../../api';
import {
  DORA_BASE,
  slosFixture,
  testDoraClient,
} from '../../__testUtils__/fixtures';
import { TeamSloSummary } from './TeamSloSummary';

const server = setupServer();
registerMswTestHooks(server);

function answer(body: DoraSlosByEntity) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(`${DORA_BASE}/slos/by-entity`, ({ request }) => {
      requests.push(new URL(request.url).searchParams);
      return HttpResponse.json(body);
    }),
  );
  return requests;
}

const none = (entityRef: string): DoraEntitySlos => ({
  entityRef,
  definitions: { type: 'none' },
  slos: [],
});

async function renderSummary() {
  return renderInTestApp(
    <TestApiProvider apis={[[doraApiRef, testDoraClient()]]}>
      <TeamSloSummary owner="group:default/payments" />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('TeamSloSummary', () => {
  it("shows the team's SLO figures and the SLOs at risk from one grouped request", async () => {
    const requests = answer({
      items: [slosFixture(), none('component:default/card-vault')],
      notFound: [],
      summary: {
        slos: 2,
        atRisk: 1,
        errors: 0,
        medianBudgetBurned: 0.5875,
        atRiskSlos: [
          {
            entityRef: 'component:default/payments-api',
            name: 'latency',
            displayName: 'Checkout latency',
            status: 'page',
            budgetRemaining: -0.8,
          },
        ],
      },
    });

    await renderSummary();

    const total = await screen.findByRole('group', {
      name: 'SLOs across 1 service',
    });
    expect(within(total).getByText('2')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'At risk' })).getByText('1'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Median error budget burned' }),
      ).getByText('59%'),
    ).toBeInTheDocument();
    const atRisk = screen.getByRole('list', { name: 'SLOs at risk' });
    expect(within(atRisk).getByText(/Checkout latency of/)).toHaveTextContent(
      'Checkout latency of payments-api: -80% of the error budget left, alert firing (page)',
    );
    expect(
      screen.queryByRole('group', { name: 'Could not be computed' }),
    ).toBeNull();
    expect(requests).toHaveLength(1);
    expect(requests[0].get('owner')).toBe('group:default/payments');
  });

  it('says what to add when no service of the team has an SLO', async () => {
    answer({
      items: [none('component:default/card-vault')],
      notFound: [],
      summary: {
        slos: 0,
        atRisk: 0,
        errors: 0,
        medianBudgetBurned: null,
        atRiskSlos: [],
      },
    });

    await renderSummary();

    expect(
      await screen.findByText(/None of the team's services has an SLO/),
    ).toHaveTextContent("'paved-road.dev/openslo-ref' annotation");
  });

  it('counts SLOs that could not be computed', async () => {
    answer({
      items: [slosFixture()],
      notFound: [],
      summary: {
        slos: 3,
        atRisk: 0,
        errors: 1,
        medianBudgetBurned: null,
        atRiskSlos: [],
      },
    });

    await renderSummary();

    const errors = await screen.findByRole('group', {
      name: 'Could not be computed',
    });
    expect(within(errors).getByText('1')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Median error budget burned' }),
      ).getByText('no data'),
    ).toBeInTheDocument();
  });
});
