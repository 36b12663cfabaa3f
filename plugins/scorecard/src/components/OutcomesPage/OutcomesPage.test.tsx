import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ScorecardApi, scorecardApiRef } from '../../api';
import { OutcomesPage } from './OutcomesPage';
import { dora, outcomes } from './testFixtures';

function fakeApi(): jest.Mocked<
  Pick<
    ScorecardApi,
    'getOutcomes' | 'getDoraOutcomes' | 'getPulseComments' | 'answerPulse'
  >
> {
  return {
    getOutcomes: jest.fn(async () => outcomes),
    getDoraOutcomes: jest.fn(async _query => dora),
    getPulseComments: jest.fn(async () => ({
      items: [
        {
          templateRef: 'template:default/node-service',
          quarter: '2026-Q4',
          score: 3,
          comment: 'The CI template is slow',
          userRef: 'user:default/guest',
          answeredAt: '2026-12-04T10:00:00.000Z',
        },
      ],
    })),
    answerPulse: jest.fn(async request => ({
      templateRef: request.templateRef,
      quarter: '2026-Q4',
      score: request.score,
      comment: request.comment ?? null,
      userRef: 'user:default/guest',
      answeredAt: '2026-12-05T08:00:00.000Z',
    })),
  };
}

async function renderPage(
  authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  path = '/',
) {
  const api = fakeApi();
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [scorecardApiRef, api as unknown as ScorecardApi],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <OutcomesPage />
      </TestApiProvider>
    </SWRConfig>,
    { routeEntries: [path] },
  );
  // By text: with the pulse dialog open, the page behind it is aria-hidden.
  await screen.findByText(/Overall:/);
  return api;
}

const rowOf = (table: string, first: string) =>
  within(screen.getByRole('table', { name: table }))
    .getAllByRole('row')
    .find(r => within(r).queryAllByRole('cell')[0]?.textContent === first)!;

// The page renders many MUI tables; on a loaded 2-core CI machine a test
// with dialogs and typing takes several seconds.
jest.setTimeout(30_000);

describe('OutcomesPage', () => {
  it('shows adoption with its trend, templates, time to first deploy, paved road and SLO coverage', async () => {
    await renderPage(AuthorizeResult.DENY);
    expect(
      screen.getByText(/Overall: 50% of 4 services on a golden path, 25%/),
    ).toBeInTheDocument();
    const payments = rowOf('Adoption per team', 'group:default/payments');
    expect(payments).toHaveTextContent('367% (2)33% (1)');
    expect(
      within(payments).getByRole('img', {
        name: 'Golden-path share of group:default/payments: from 33% on 2026-12-03 to 67% on 2026-12-05',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Trend before 2026-12-05 estimated: a service created/),
    ).toBeInTheDocument();
    expect(
      rowOf('Templates', 'template:default/node-service'),
    ).toHaveTextContent('475% (3)3.0 h');
    expect(
      rowOf('Time to first deploy per archetype', 'node-service'),
    ).toHaveTextContent('2126.0 h26.0 h');
    expect(
      rowOf(
        'Services waiting for their first deployment',
        'component:default/payments-new',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/25% of 4 production services have an SLO \(1\)/),
    ).toBeInTheDocument();
    expect(rowOf('Open exemptions per check', 'has-docs')).toHaveTextContent(
      '1',
    );
  });

  it('asks the DORA backend for the last 180 days, or the window of ?window=, and changes it from the select', async () => {
    const DAY = 86_400_000;
    const spanOf = (api: ReturnType<typeof fakeApi>, call: number) => {
      const { from, to } = api.getDoraOutcomes.mock.calls[call][0];
      return Math.round((to.getTime() - from.getTime()) / DAY);
    };
    const api = await renderPage(AuthorizeResult.DENY);
    await waitFor(() => expect(api.getDoraOutcomes).toHaveBeenCalledTimes(1));
    expect(spanOf(api, 0)).toBe(180);
    await userEvent.click(
      screen.getByRole('button', {
        name: /Window of time to first deploy and paved road/,
      }),
    );
    await userEvent.click(screen.getByRole('option', { name: 'Last 2 years' }));
    await waitFor(() => expect(api.getDoraOutcomes).toHaveBeenCalledTimes(2));
    expect(spanOf(api, 1)).toBe(730);
    cleanup();

    const ninety = await renderPage(AuthorizeResult.DENY, '/?window=90d');
    await waitFor(() =>
      expect(ninety.getDoraOutcomes).toHaveBeenCalledTimes(1),
    );
    expect(spanOf(ninety, 0)).toBe(90);
  });

  it('shows the four keys and build figures, and "fewer than 3 services" instead of a figure for a small group', async () => {
    await renderPage(AuthorizeResult.DENY);
    const rows = within(
      screen.getByRole('table', { name: 'Paved road vs off road' }),
    ).getAllByRole('row');
    // Deploys a week, lead time, change failure, restore, build time and success.
    expect(rows[1]).toHaveTextContent(
      'overallPaved road32.52.0 h13%30 min8 min89%',
    );
    expect(rows[2]).toHaveTextContent(
      'Off road1fewer than 3 servicesfewer than 3 services',
    );
    expect(rows[3]).toHaveTextContent(
      'group:default/paymentsPaved road2fewer than 3 services',
    );
    expect(rows[3]).not.toHaveTextContent('2.5');
  });

  it('shows the NPS, and the comments only with scorecard.outcomes.comments.read', async () => {
    const denied = await renderPage(AuthorizeResult.DENY);
    expect(
      rowOf('NPS per template', 'template:default/node-service'),
    ).toHaveTextContent('02');
    expect(rowOf('NPS per quarter', '2026-Q4')).toHaveTextContent('02');
    expect(
      screen.queryByRole('table', { name: 'Pulse comments' }),
    ).not.toBeInTheDocument();
    expect(denied.getPulseComments).not.toHaveBeenCalled();
  });

  it('lists the comments for the platform team', async () => {
    await renderPage(AuthorizeResult.ALLOW);
    expect(
      await screen.findByRole('table', { name: 'Pulse comments' }),
    ).toHaveTextContent('The CI template is slow');
  });

  it('opens the pulse preselected from ?pulse=, validates, sends and reloads the figures', async () => {
    const api = await renderPage(
      AuthorizeResult.DENY,
      '/?pulse=template%3Adefault%2Fnode-service',
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('button', {
        name: 'Template template:default/node-service',
      }),
    ).toHaveTextContent('template:default/node-service');
    const send = within(dialog).getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('radio', { name: '10' }));
    expect(send).toBeEnabled();
    const comment = within(dialog).getByLabelText(/Comment/);
    await userEvent.click(comment);
    await userEvent.paste('x'.repeat(1001));
    expect(send).toBeDisabled();
    expect(
      within(dialog).getByText('1001 / 1000: too long'),
    ).toBeInTheDocument();
    await userEvent.clear(comment);
    await userEvent.paste(' Great path ');
    await userEvent.click(send);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.answerPulse).toHaveBeenCalledWith({
      templateRef: 'template:default/node-service',
      score: 10,
      comment: 'Great path',
    });
    await waitFor(() => expect(api.getOutcomes).toHaveBeenCalledTimes(2));
  });

  it("exports a section's rows as CSV with a header row", async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:csv';
    });
    URL.revokeObjectURL = jest.fn();
    await renderPage(AuthorizeResult.DENY);
    await userEvent.click(
      screen.getByRole('button', { name: 'Export Templates as CSV' }),
    );
    expect(blobs).toHaveLength(1);
    expect(await blobs[0].text()).toBe(
      '"templateRef","runs","succeeded","failed","medianDurationMs"\r\n' +
        '"template:default/node-service","4","3","1","10800000"\r\n',
    );
  });

  it('opens the dialog from "Give feedback" with no template chosen', async () => {
    await renderPage(AuthorizeResult.DENY);
    await userEvent.click(
      screen.getByRole('button', { name: 'Give feedback' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Pick the template you used'),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: '7' }));
    expect(within(dialog).getByRole('button', { name: 'Send' })).toBeDisabled();
  });
});
