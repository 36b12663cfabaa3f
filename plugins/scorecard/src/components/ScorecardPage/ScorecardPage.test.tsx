import { identityApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ScorecardExemption,
  ScorecardOverviewItem,
} from '@paved-road/plugin-scorecard-common';
import { SWRConfig } from 'swr';
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
  exemptChecks: [],
});

const items = [
  item('cart-service', 'group:default/checkout', 25, null),
  item('payments-api', 'group:default/payments', 100, 'gold'),
];

const pendingExemption: ScorecardExemption = {
  id: 'ex-1',
  entityRef: 'component:default/cart-service',
  checkId: 'has-docs',
  justification: 'Docs move to the new portal in January',
  requestedBy: 'user:default/guest',
  requestedAt: '2026-11-22T10:00:00.000Z',
  expiresAt: '2027-01-31T23:59:59.000Z',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  comment: null,
};

function fakeApi(): ScorecardApi {
  const decided: string[] = [];
  return {
    requestExemption: jest.fn(),
    decideExemption: jest.fn(async (id, decision) => {
      decided.push(id);
      const exemption: ScorecardExemption = {
        ...pendingExemption,
        id,
        status: decision.decision === 'approve' ? 'approved' : 'denied',
      };
      return exemption;
    }),
    listExemptions: jest.fn(async () => ({
      // Once a decision was made, nothing is pending any more.
      items: decided.length ? [] : [pendingExemption],
      nextCursor: null,
    })),
    getOutcomes: jest.fn(),
    answerPulse: jest.fn(),
    getPulseComments: jest.fn(),
    getDoraOutcomes: jest.fn(),
    listCampaigns: jest.fn(async () => ({ items: [] })),
    getCampaign: jest.fn(),
    createCampaign: jest.fn(),
    startCampaignUpgrades: jest.fn(),
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
      exemptions: { maxDurationMs: 90 * 86_400_000, autoApprove: false },
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
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.DENY,
) {
  const permissionApi = mockApis.permission({ authorize });
  const authorizeSpy = jest.spyOn(permissionApi, 'authorize');
  // usePermission caches decisions in SWR: a fresh cache per render.
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [scorecardApiRef, api],
          [permissionApiRef, permissionApi],
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
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { authorizeSpy };
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

  it('filters by exempt check and shows exempt checks per entity', async () => {
    const api = fakeApi();
    api.getOverview = jest.fn(async () => ({
      items: [{ ...items[0], failingChecks: [], exemptChecks: ['has-docs'] }],
      nextCursor: null,
    }));
    await renderPage(api);
    const table = await screen.findByRole('table', { name: 'Entities' });
    const row = within(table).getByText('cart-service').closest('tr')!;
    expect(within(row).getByText('Has TechDocs')).toBeInTheDocument();
    expect(within(row).getByText('None')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Exempt check'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Any exempt check' }),
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ exempt: '*' }),
      ),
    );
  });

  it('lets approvers approve or deny pending exemptions with a comment', async () => {
    const api = fakeApi();
    const { authorizeSpy } = await renderPage(
      api,
      undefined,
      AuthorizeResult.ALLOW,
    );
    const pending = await screen.findByRole('table', {
      name: 'Pending exemptions',
    });
    expect(authorizeSpy).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'scorecard.exemption.approve',
        }),
      }),
    );
    expect(
      within(pending).getByText('Docs move to the new portal in January'),
    ).toBeInTheDocument();
    const label = 'Has TechDocs for component:default/cart-service';
    await userEvent.type(
      within(pending).getByLabelText(`Comment on ${label}`),
      'Until the portal move',
    );
    await userEvent.click(
      within(pending).getByRole('button', { name: `Approve ${label}` }),
    );
    await waitFor(() =>
      expect(api.decideExemption).toHaveBeenCalledWith('ex-1', {
        decision: 'approve',
        comment: 'Until the portal move',
      }),
    );
    // The list is read again: the decided request is gone.
    expect(await screen.findByText(/No pending requests/)).toBeInTheDocument();
    expect(api.listExemptions).toHaveBeenCalledTimes(2);
  });

  it('denies without a comment', async () => {
    const api = fakeApi();
    await renderPage(api, undefined, AuthorizeResult.ALLOW);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Deny Has TechDocs for component:default/cart-service',
      }),
    );
    await waitFor(() =>
      expect(api.decideExemption).toHaveBeenCalledWith('ex-1', {
        decision: 'deny',
        comment: undefined,
      }),
    );
  });

  it('shows no exemption decisions to users without scorecard.exemption.approve', async () => {
    const api = fakeApi();
    const { authorizeSpy } = await renderPage(api);
    await screen.findByRole('table', { name: 'Entities' });
    await waitFor(() => expect(authorizeSpy).toHaveBeenCalled());
    expect(screen.queryByText('Pending exemptions')).not.toBeInTheDocument();
    expect(api.listExemptions).not.toHaveBeenCalled();
  });

  it('says what to do when no checks are configured', async () => {
    const api = fakeApi();
    api.getChecks = async () => ({
      levels: [],
      checks: [],
      exemptions: { maxDurationMs: 86_400_000, autoApprove: false },
    });
    await renderPage(api);
    expect(
      await screen.findByText('No checks configured yet'),
    ).toBeInTheDocument();
  });

  it('exports CSV with quoted cells and neutralised formulas', () => {
    const csv = overviewToCsv([{ ...items[0], owner: '=cmd|"x"' }]);
    expect(csv.split('\r\n')).toEqual([
      '"entityRef","kind","namespace","name","owner","score","level","failingChecks","exemptChecks","evaluatedAt"',
      `"component:default/cart-service","component","default","cart-service","'=cmd|""x""","25","","has-docs","","2026-11-22T10:00:00.000Z"`,
      '',
    ]);
  });
});
