import { identityApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ScorecardOverviewItem } from '@paved-road/plugin-scorecard-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardApi, scorecardApiRef } from '../../api';
import { overviewToCsv } from './csv';
import { ScorecardPage } from './ScorecardPage';

const item = (
  name: string,
  owner: string,
  score: number,
  level: string | null,
): ScorecardOverviewItem => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
  namespace: 'default',
  name,
  owner,
  score,
  level: level
    ? { id: level, title: level[0].toUpperCase() + level.slice(1) }
    : null,
  evaluatedAt: '2026-11-22T10:00:00.000Z',
  failingChecks: score < 100 ? ['has-docs'] : [],
});

const items = [
  item('cart-service', 'group:default/checkout', 25, null),
  item('payments-api', 'group:default/payments', 100, 'gold'),
];

function fakeApi(): ScorecardApi {
  return {
    getHealth: jest.fn(),
    getEntityScorecard: jest.fn(),
    refreshEntityScorecard: jest.fn(),
    getHistory: jest.fn(),
    getChecks: jest.fn(async () => ({
      levels: [
        { id: 'bronze', title: 'Bronze' },
        { id: 'gold', title: 'Gold' },
      ],
      checks: [
        {
          id: 'has-docs',
          title: 'Has TechDocs',
          category: 'Docs',
          weight: 1,
          fact: 'catalog:annotation:x',
          operator: 'exists' as const,
          filter: { kind: ['component'] },
        },
      ],
    })),
    getOverview: jest.fn(async query => ({
      items: items.filter(
        i => !query.owners || query.owners.includes(i.owner!),
      ),
      nextCursor: null,
    })),
    getRollup: jest.fn(async query => ({
      levels: [
        { id: 'bronze', title: 'Bronze' },
        { id: 'gold', title: 'Gold' },
      ],
      owners: items
        .filter(i => !query.owners || query.owners.includes(i.owner!))
        .map(i => ({
          owner: i.owner,
          total: 1,
          averageScore: i.score,
          levels: { [i.level?.id ?? 'none']: 1 },
        })),
    })),
  };
}

async function renderPage(
  api: ScorecardApi,
  ownershipEntityRefs = ['user:default/guest', 'group:default/payments'],
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardApiRef, api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs,
          }),
        ],
      ]}
    >
      <ScorecardPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

// Driving MUI selects with userEvent takes several seconds on a busy 2-core
// machine; the default 5 s made these tests fail by time, not by behaviour.
jest.setTimeout(20_000);

describe('ScorecardPage', () => {
  it('lists entities with score and level, and a team roll-up', async () => {
    await renderPage(fakeApi());
    const table = await screen.findByRole('table', { name: 'Entities' });
    expect(within(table).getByText('cart-service')).toBeInTheDocument();
    expect(within(table).getByLabelText('Level: Gold')).toBeInTheDocument();
    expect(within(table).getByText('Has TechDocs')).toBeInTheDocument();
    const rollup = await screen.findByRole('table', { name: 'Team roll-up' });
    expect(within(rollup).getAllByText('100%')).toHaveLength(2);
  });

  it("filters by 'My teams' with the user's ownership refs", async () => {
    const api = fakeApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Entities' });
    await userEvent.click(screen.getByLabelText('Owner'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'My teams' }),
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owners: ['user:default/guest', 'group:default/payments'],
        }),
      ),
    );
    const table = await screen.findByRole('table', { name: 'Entities' });
    await waitFor(() =>
      expect(within(table).queryByText('cart-service')).not.toBeInTheDocument(),
    );
    expect(within(table).getByText('payments-api')).toBeInTheDocument();
  });

  it('filters by level and failing check', async () => {
    const api = fakeApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Entities' });
    await userEvent.click(screen.getByLabelText('Level'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'No level' }),
    );
    await userEvent.click(screen.getByLabelText('Failing check'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Has TechDocs' }),
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ level: 'none', failing: 'has-docs' }),
      ),
    );
  });

  it('says what to do when no checks are configured', async () => {
    const api = fakeApi();
    api.getChecks = async () => ({ levels: [], checks: [] });
    await renderPage(api);
    expect(
      await screen.findByText('No checks configured yet'),
    ).toBeInTheDocument();
  });

  it('exports CSV with quoted cells and neutralised formulas', () => {
    const csv = overviewToCsv([{ ...items[0], owner: '=cmd|"x"' }]);
    expect(csv.split('\r\n')).toEqual([
      '"entityRef","kind","namespace","name","owner","score","level","failingChecks","evaluatedAt"',
      `"component:default/cart-service","component","default","cart-service","'=cmd|""x""","25","","has-docs","2026-11-22T10:00:00.000Z"`,
      '',
    ]);
  });
});
