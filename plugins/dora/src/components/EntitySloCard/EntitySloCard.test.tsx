import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { screen, waitFor, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { doraApiRef } from '../../api';
import {
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

async function renderCard(
  slos: DoraEntitySlos,
  requests: RecordedRequest[] = [],
  source = 'github',
) {
  server.use(
    ...doraHandlers({
      requests,
      slos: () => slos,
      deployments: () => [deploymentFixture({ source })],
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
  it('labels demo data as such, as the DORA card does', async () => {
    const requests: RecordedRequest[] = [];
    await renderCard(slosFixture(), requests, 'demo');
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
    const latest = requests.find(r => r.path.endsWith('/deployments'));
    expect(latest?.params.get('entityRef')).toBe(
      'component:default/payments-api',
    );
    expect(latest?.params.get('limit')).toBe('1');
  });

  it('has no demo label for real data', async () => {
    const requests: RecordedRequest[] = [];
    await renderCard(slosFixture(), requests);
    await screen.findByRole('group', { name: 'Payments API availability' });
    await waitFor(() =>
      expect(requests.some(r => r.path.endsWith('/deployments'))).toBe(true),
    );
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
});
