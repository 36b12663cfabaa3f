import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Entity } from '@backstage/catalog-model';
import { doraApiRef } from '../../api';
import {
  DORA_BASE,
  RecordedRequest,
  componentFixture,
  doraHandlers,
  emptyMetricsFixture,
  metricsFixture,
  testDoraClient,
  windowDays,
} from '../../__testUtils__/fixtures';
import { DORA_DOCS_URL } from '../shared/docs';
import { EntityDoraCard } from './EntityDoraCard';

const server = setupServer();
registerMswTestHooks(server);

const annotated = componentFixture('payments-api', {
  'github.com/project-slug': 'acme/payments-api',
  'pagerduty.com/service-id': 'PX1',
});

async function renderCard(entity: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[doraApiRef, testDoraClient()]]}>
      <EntityProvider entity={entity}>
        <EntityDoraCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const row = (name: string) => screen.getByRole('group', { name });
const TIER_CHIP = /^(Elite|High|Medium|Low|No tier)$/;

describe('EntityDoraCard', () => {
  it('shows build time and build success rate from the same /metrics response', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    await renderCard(annotated);

    const builds = await screen.findByRole('group', { name: 'Build figures' });
    expect(
      within(builds).getByText('median 8.5 min · p90 14 min'),
    ).toBeInTheDocument();
    expect(within(builds).getByText('90.9%')).toBeInTheDocument();
    expect(
      within(builds).getByText(
        '24 builds (2 cancelled, not in the rate or times)',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(requests.map(r => r.path).sort()).toEqual([
        '/api/dora/metrics',
        '/api/dora/metrics/trend',
      ]),
    );
  });

  it('shows build figures when the entity has builds but no deployments', async () => {
    const requests: RecordedRequest[] = [];
    server.use(
      ...doraHandlers({
        requests,
        metrics: () => ({
          ...emptyMetricsFixture(),
          builds: {
            builds: 3,
            succeeded: 1,
            failed: 1,
            cancelled: 1,
            successRate: 0.5,
            medianSeconds: 90,
            p90Seconds: 150,
          },
        }),
      }),
    );
    await renderCard(annotated);

    const builds = await screen.findByRole('group', { name: 'Build figures' });
    expect(within(builds).getByText('50.0%')).toBeInTheDocument();
    expect(
      within(builds).getByText('median 1.5 min · p90 2.5 min'),
    ).toBeInTheDocument();
  });

  it('shows each key figure with its tier and a 12-week sparkline', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    await renderCard(annotated);

    expect(await screen.findByText('4.2 / week')).toBeInTheDocument();
    const frequency = row('Deployment frequency');
    expect(
      within(frequency).getByText('18 deployments on 12 days'),
    ).toBeInTheDocument();
    expect(within(frequency).getByText('High')).toBeInTheDocument();

    const leadTime = row('Lead time for changes');
    expect(within(leadTime).getByText('median 3.5 h')).toBeInTheDocument();
    expect(
      within(leadTime).getByText('p90 2 d · 40 changes'),
    ).toBeInTheDocument();
    expect(within(leadTime).getByText('Elite')).toBeInTheDocument();

    expect(
      within(row('Change failure rate')).getByText('11.1%'),
    ).toBeInTheDocument();
    expect(
      within(row('Change failure rate')).getByText(
        '2 of 18 deployments failed',
      ),
    ).toBeInTheDocument();

    // null is "no data", never 0; the 2024 benchmark gives time to restore
    // no tier, so it has no chip at all
    const restore = row('Time to restore');
    expect(within(restore).getByText('no data')).toBeInTheDocument();
    expect(within(restore).queryByText(TIER_CHIP)).toBeNull();

    // ... and tiers failed deployment recovery time instead
    const recovery = row('Failed deployment recovery time');
    expect(within(recovery).getByText('median 1.5 h')).toBeInTheDocument();
    expect(within(recovery).getByText('High')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^DORA 2024 benchmark/ }),
    ).toHaveAttribute(
      'href',
      'https://dora.dev/research/2024/dora-report/2024-dora-accelerate-state-of-devops-report.pdf#page=13',
    );
    expect(within(row('Rework rate')).getByText('16.7%')).toBeInTheDocument();

    const sparkline = await within(frequency).findByRole('img', {
      name: /Deployment frequency, last 12 weeks/,
    });
    expect(sparkline.getAttribute('aria-label')).toMatch(/: (4\.2, ){11}4\.2$/);
    expect(
      screen.getByText(/GitHub \(acme\/payments-api\), PagerDuty \(PX1\)/),
    ).toBeInTheDocument();

    // Two requests in all: the picked window (which also says whether the
    // figures are demo data) and the 12-week trend.
    expect(
      requests.map(r => r.path.replace(/^\/api\/dora/, '')).sort(),
    ).toEqual(['/metrics', '/metrics/trend']);
    const trend = requests.find(r => r.path.endsWith('/trend'))!.params;
    expect(trend.get('entityRef')).toBe('component:default/payments-api');
    expect(trend.get('bucket')).toBe('week');
    expect(trend.get('count')).toBe('12');
    expect(Math.abs(Date.parse(trend.get('to')!) - Date.now())).toBeLessThan(
      60_000,
    );
  });

  it('tiers time to restore, not failed deployment recovery time, with the 2021 benchmark', async () => {
    server.use(
      ...doraHandlers({
        requests: [],
        metrics: () =>
          metricsFixture({
            benchmark: '2021',
            timeToRestore: { incidents: 3, medianSeconds: 1800, tier: 'elite' },
            failedDeploymentRecoveryTime: {
              incidents: 2,
              medianSeconds: 5400,
              tier: null,
            },
          }),
      }),
    );
    await renderCard(annotated);

    const restore = await screen.findByRole('group', {
      name: 'Time to restore',
    });
    expect(within(restore).getByText('median 30 min')).toBeInTheDocument();
    expect(within(restore).getByText('Elite')).toBeInTheDocument();
    const recovery = row('Failed deployment recovery time');
    expect(within(recovery).getByText('median 1.5 h')).toBeInTheDocument();
    expect(within(recovery).queryByText(TIER_CHIP)).toBeNull();
    expect(
      screen.getByRole('link', { name: /^DORA 2021 benchmark/ }),
    ).toHaveAttribute(
      'href',
      'https://dora.dev/research/2021/dora-report/2021-dora-accelerate-state-of-devops-report.pdf#page=9',
    );
  });

  it('asks for the picked window: 30 days first, then 90', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    await renderCard(annotated);
    await screen.findByText('4.2 / week');
    const windows = () =>
      requests
        .filter(r => r.path.endsWith('/metrics'))
        .map(r => windowDays(r.params))
        .filter(d => d !== 7);
    expect(windows()).toEqual([30]);

    await userEvent.click(screen.getByRole('button', { name: '90 days' }));
    await waitFor(() => expect(windows()).toEqual([30, 90]));
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const last = requests.filter(
      r => r.path.endsWith('/metrics') && windowDays(r.params) === 90,
    )[0];
    expect(last.params.get('entityRef')).toBe('component:default/payments-api');
    expect(
      Math.abs(Date.parse(last.params.get('to')!) - Date.now()),
    ).toBeLessThan(60_000);
  });

  it('opens the deployments behind a figure, with the incident link rule', async () => {
    server.use(...doraHandlers({ requests: [] }));
    await renderCard(annotated);
    await userEvent.click(
      await screen.findByRole('button', { name: '4.2 / week' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Deployments of payments-api'),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText('linked: latest-before'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Incident pagerduty\/Q1X \(sev1\)/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/abc1234 \(lead time 4 h\)/),
    ).toBeInTheDocument();
  });

  it('names the annotations and the push API when the entity has no source and no data', async () => {
    server.use(
      ...doraHandlers({
        requests: [],
        metrics: emptyMetricsFixture,
        deployments: () => [],
      }),
    );
    await renderCard(componentFixture('lonely'));

    expect(
      await screen.findByText('No delivery data source for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /'github.com\/project-slug'.*'gitlab.com\/project-slug'.*'pagerduty.com\/service-id'/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /or push deployments and incidents from your CI to POST \/api\/dora\/events/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Read the DORA setup guide' }),
    ).toHaveAttribute('href', DORA_DOCS_URL);
  });

  it('points to the provider configuration when annotated but without data', async () => {
    server.use(
      ...doraHandlers({
        requests: [],
        metrics: emptyMetricsFixture,
        deployments: () => [],
      }),
    );
    await renderCard(annotated);
    expect(
      await screen.findByText('No deployment or incident in the last 30 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /'github.com\/project-slug', 'pagerduty.com\/service-id'/,
      ),
    ).toBeInTheDocument();
  });

  it('labels demo data as such, from the metrics answer alone', async () => {
    const requests: RecordedRequest[] = [];
    server.use(
      ...doraHandlers({
        requests,
        metrics: () => metricsFixture({ demoData: true }),
      }),
    );
    await renderCard(annotated);
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
    // Two requests: the figures and the 12-week trend.
    expect(requests.map(r => r.path).sort()).toEqual([
      '/api/dora/metrics',
      '/api/dora/metrics/trend',
    ]);
  });

  it('has no demo label for real data', async () => {
    server.use(...doraHandlers({ requests: [] }));
    await renderCard(annotated);
    expect(await screen.findByText('4.2 / week')).toBeInTheDocument();
    expect(screen.queryByText('Demo data')).toBeNull();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${DORA_BASE}/metrics`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'You may not read DORA metrics',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
      ...doraHandlers({ requests: [] }),
    );
    await renderCard(annotated);
    expect(
      (await screen.findAllByText(/You may not read DORA metrics/))[0],
    ).toBeInTheDocument();
  });

  it('shows figures of an entity fed only by the push API', async () => {
    server.use(
      ...doraHandlers({ requests: [], metrics: () => metricsFixture() }),
    );
    await renderCard(componentFixture('pushed'));
    expect(await screen.findByText('4.2 / week')).toBeInTheDocument();
    expect(
      screen.getByText('Source: events pushed to POST /api/dora/events'),
    ).toBeInTheDocument();
  });
});
