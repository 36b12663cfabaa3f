import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
import { setupServer } from 'msw/node';
import { doraApiRef } from '../../api';
import {
  RecordedRequest,
  doraHandlers,
  metricsFixture,
  testDoraClient,
} from '../../__testUtils__/fixtures';
import { TeamRollup } from './TeamRollup';

const server = setupServer();
registerMswTestHooks(server);

const TIER_CHIP = /^(Elite|High|Medium|Low|No tier)$/;
const window = {
  from: new Date('2026-10-23T00:00:00.000Z'),
  to: new Date('2026-11-22T00:00:00.000Z'),
};

async function renderRollup(metrics: DoraMetrics) {
  const requests: RecordedRequest[] = [];
  server.use(...doraHandlers({ requests, metrics: () => metrics }));
  await renderInTestApp(
    <TestApiProvider apis={[[doraApiRef, testDoraClient()]]}>
      <TeamRollup
        owner="group:default/payments"
        window={window}
        onDrillDown={() => {}}
      />
    </TestApiProvider>,
  );
  await screen.findByRole('group', { name: 'Time to restore' });
  return requests;
}

const row = (name: string) => screen.getByRole('group', { name });

describe('TeamRollup', () => {
  it('puts the recovery chip on failed deployment recovery time with the 2024 benchmark', async () => {
    const requests = await renderRollup(
      metricsFixture({
        timeToRestore: { incidents: 4, medianSeconds: 1800, tier: null },
        failedDeploymentRecoveryTime: {
          incidents: 2,
          medianSeconds: 3 * 86400,
          tier: 'medium',
        },
        overallTier: 'medium',
      }),
    );
    expect(requests[0].params.get('owner')).toBe('group:default/payments');
    expect(requests[0].params.get('from')).toBe(window.from.toISOString());

    const restore = row('Time to restore');
    expect(within(restore).getByText('median 30 min')).toBeInTheDocument();
    expect(within(restore).queryByText(TIER_CHIP)).toBeNull();
    const recovery = row('Failed deployment recovery time');
    expect(within(recovery).getByText('median 3 d')).toBeInTheDocument();
    expect(within(recovery).getByText('Medium')).toBeInTheDocument();
    expect(within(row('Rework rate')).queryByText(TIER_CHIP)).toBeNull();
    expect(
      screen.getByRole('link', { name: /^DORA 2024 benchmark/ }),
    ).toHaveAttribute(
      'href',
      'https://dora.dev/research/2024/dora-report/2024-dora-accelerate-state-of-devops-report.pdf#page=13',
    );
  });

  it('puts it on time to restore with the 2021 benchmark', async () => {
    await renderRollup(
      metricsFixture({
        benchmark: '2021',
        timeToRestore: { incidents: 4, medianSeconds: 1800, tier: 'elite' },
        failedDeploymentRecoveryTime: {
          incidents: 2,
          medianSeconds: 3 * 86400,
          tier: null,
        },
      }),
    );
    expect(
      within(row('Time to restore')).getByText('Elite'),
    ).toBeInTheDocument();
    expect(
      within(row('Failed deployment recovery time')).queryByText(TIER_CHIP),
    ).toBeNull();
    expect(
      screen.getByRole('link', { name: /^DORA 2021 benchmark/ }),
    ).toHaveAttribute(
      'href',
      'https://dora.dev/research/2021/dora-report/2021-dora-accelerate-state-of-devops-report.pdf#page=9',
    );
  });

  it('names a benchmark it has no table for without a link', async () => {
    await renderRollup(
      metricsFixture({ benchmark: '2019' as DoraMetrics['benchmark'] }),
    );
    expect(screen.getByText(/DORA 2019 benchmark/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /benchmark/ })).toBeNull();
    expect(
      within(row('Failed deployment recovery time')).queryByText(TIER_CHIP),
    ).toBeNull();
  });
});
