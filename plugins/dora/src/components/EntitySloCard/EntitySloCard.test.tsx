import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { DoraEntitySlos, DoraSloHistory } from '@paved-road/plugin-dora-common';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { doraApiRef } from '../../api';
import {
  DORA_BASE,
  RecordedRequest,
  componentFixture,
  deploymentFixture,
  doraHandlers,
  slosFixture,
  testDoraClient,
} from '../../__testUtils__/fixtures';
import { EntitySloCard } from './EntitySloCard';

const server = setupServer();
registerMswTestHooks(server);

const noHistory: DoraSloHistory = {
  entityRef: 'component:default/payments-api',
  from: '2026-10-24',
  to: '2026-11-22',
  slos: [],
};

async function renderCard(
  slos: DoraEntitySlos,
  requests: RecordedRequest[] = [],
  source = 'github',
  history: DoraSloHistory | 'fails' = noHistory,
  historyRequests: URLSearchParams[] = [],
) {
  server.use(
    ...doraHandlers({
      requests,
      slos: () => slos,
      deployments: () => [deploymentFixture({ source })],
    }),
    http.get(`${DORA_BASE}/slos/history`, ({ request }) => {
      historyRequests.push(new URL(request.url).searchParams);
      return history === 'fails'
        ? HttpResponse.json(
            { error: { name: 'Error', message: 'boom' } },
            { status: 500 },
          )
        : HttpResponse.json(history);
    }),
  );
  return renderInTestApp(
    <TestApiProvider apis={[[doraApiRef, testDoraClient()]]}>
      <EntityProvider entity={componentFixture('payments-api')}>
        <EntitySloCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntitySloCard', () => {
  it('labels demo data as such, from the SLO answer alone', async () => {
    const requests: RecordedRequest[] = [];
    await renderCard({ ...slosFixture(), demoData: true }, requests);
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
    // The SLOs (history is answered separately): no request for the label.
    expect(requests.map(r => r.path)).toEqual(['/api/dora/slos']);
  });

  it('has no demo label for real data', async () => {
    const requests: RecordedRequest[] = [];
    await renderCard(slosFixture(), requests);
    await screen.findByRole('group', { name: 'Payments API availability' });
    expect(screen.queryByText('Demo data')).toBeNull();
  });

  it('shows attainment against target and the error budget', async () => {
    const requests: RecordedRequest[] = [];
    await renderCard(slosFixture(), requests);

    const slo = await screen.findByRole('group', {
      name: 'Payments API availability',
    });
    expect(
      within(slo).getByText(
        'Attainment 99.812% against a target of 99.50% over 30d rolling',
      ),
    ).toBeInTheDocument();
    expect(within(slo).getByText('OK')).toBeInTheDocument();
    expect(
      within(slo).getByText(
        'Error budget: 63% remaining (2.3 h), consumed 1.4 h of 3.6 h',
      ),
    ).toBeInTheDocument();
    expect(
      within(slo).getByRole('progressbar', {
        name: 'Error budget of Payments API availability',
      }),
    ).toHaveAttribute('aria-valuenow', '63');
    expect(
      within(slo).getByText('Burn rate: 1h 0.5× · 6h 0.8× · 1d 1.1× · 3d 0.9×'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Defined in ./slo/payments-api.yaml'),
    ).toBeInTheDocument();
    expect(requests[0].params.get('entityRef')).toBe(
      'component:default/payments-api',
    );
  });

  it('shows the burn-rate status with the windows that fire', async () => {
    await renderCard(slosFixture());
    const slo = await screen.findByRole('group', { name: 'Checkout latency' });
    expect(
      within(slo).getByText('Page: budget burning fast'),
    ).toBeInTheDocument();
    expect(
      within(slo).getByText(
        'Firing (page): fast-burn, burn rate 16.2× over 1h and 18× over 5m (threshold 14.4×)',
      ),
    ).toBeInTheDocument();
    expect(within(slo).getByText(/1d no data/)).toBeInTheDocument();
    // overspent: the bar is empty and the text says how far
    expect(
      within(slo).getByText(
        'Error budget overspent by 800 events (-80%), consumed 1,800 events of 1,000 events',
      ),
    ).toBeInTheDocument();
    expect(within(slo).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
  });

  it('shows why an SLO could not be computed', async () => {
    await renderCard({
      ...slosFixture(),
      slos: [
        {
          name: 'a',
          displayName: 'Availability',
          target: 0.999,
          status: 'error',
          reason: 'Prometheus at http://prom:9090 answered 503',
        },
      ],
    });
    const slo = await screen.findByRole('group', { name: 'Availability' });
    expect(within(slo).getByText('Error')).toBeInTheDocument();
    expect(
      within(slo).getByText(
        /Target 99.90%; could not be computed: Prometheus at http:\/\/prom:9090 answered 503/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a parse error with its line and field', async () => {
    await renderCard({
      entityRef: 'component:default/payments-api',
      definitions: { type: 'annotation', location: './slo/payments-api.yaml' },
      error: {
        message:
          "Invalid 'spec.objectives[0].target': expected a number between 0 and 1",
        field: 'spec.objectives[0].target',
        line: 17,
      },
      slos: [],
    });
    expect(
      await screen.findByText(
        "The SLO definitions in ./slo/payments-api.yaml are invalid at line 17, field 'spec.objectives[0].target': Invalid 'spec.objectives[0].target': expected a number between 0 and 1",
      ),
    ).toBeInTheDocument();
  });

  it('names the annotation to add when the entity has no SLO', async () => {
    await renderCard({
      entityRef: 'component:default/payments-api',
      definitions: { type: 'none' },
      slos: [],
    });
    expect(
      await screen.findByText('No SLO defined for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Add the 'paved-road.dev\/openslo-ref' annotation/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Read the SLO guide' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('plugins/dora-backend/README.md'),
    );
  });

  it("shows each SLO's daily trend of attainment and budget, with gaps for missing days", async () => {
    const historyRequests: URLSearchParams[] = [];
    await renderCard(
      slosFixture(),
      [],
      'github',
      {
        entityRef: 'component:default/payments-api',
        from: '2026-11-18',
        to: '2026-11-22',
        slos: [
          {
            name: 'availability',
            points: [
              { day: '2026-11-18', attainment: 0.999, budgetRemaining: 0.8 },
              { day: '2026-11-19', attainment: 0.998, budgetRemaining: 0.6 },
              // 2026-11-20 not computed
              { day: '2026-11-21', attainment: 0.997, budgetRemaining: 0.4 },
              { day: '2026-11-22', attainment: null, budgetRemaining: null },
            ],
          },
        ],
      },
      historyRequests,
    );

    const slo = await screen.findByRole('group', {
      name: 'Payments API availability',
    });
    expect(
      await within(slo).findByRole('img', {
        name: 'Payments API availability error budget left (%) per day: 80, 60, no data, 40, no data',
      }),
    ).toBeInTheDocument();
    expect(
      within(slo).getByRole('img', {
        name: 'Payments API availability attainment (%) per day: 99.9, 99.8, no data, 99.7, no data',
      }),
    ).toBeInTheDocument();
    expect(
      within(slo).getByText('Error budget left, last 5 days'),
    ).toBeInTheDocument();
    // An SLO without stored days says so instead of drawing nothing.
    const latency = screen.getByRole('group', { name: 'Checkout latency' });
    expect(
      within(latency).getByText(/No daily history yet/),
    ).toBeInTheDocument();
    expect(historyRequests).toHaveLength(1);
    expect(historyRequests[0].get('entityRef')).toBe(
      'component:default/payments-api',
    );
    expect(historyRequests[0].get('days')).toBe('30');
  });

  it('still shows the current state when the history cannot be read', async () => {
    const historyRequests: URLSearchParams[] = [];
    await renderCard(slosFixture(), [], 'github', 'fails', historyRequests);
    await waitFor(() => expect(historyRequests).toHaveLength(1));
    const slo = await screen.findByRole('group', {
      name: 'Payments API availability',
    });
    expect(
      within(slo).getByText(
        'Attainment 99.812% against a target of 99.50% over 30d rolling',
      ),
    ).toBeInTheDocument();
    expect(within(slo).queryByRole('img')).toBeNull();
  });
});
