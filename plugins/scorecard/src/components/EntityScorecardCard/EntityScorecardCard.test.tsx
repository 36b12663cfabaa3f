import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  CheckResult,
  EntityScorecard,
} from '@paved-road/plugin-scorecard-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ScorecardApi, scorecardApiRef } from '../../api';
import { localDate } from '../exemptions/dates';
import { EntityScorecardCard } from './EntityScorecardCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

const scorecard: EntityScorecard = {
  entityRef: 'component:default/payments-api',
  evaluatedAt: '2026-11-22T10:00:00.000Z',
  score: 72,
  level: { id: 'bronze', title: 'Bronze' },
  nextLevel: { id: 'silver', title: 'Silver' },
  checks: [
    {
      id: 'has-owner',
      title: 'Has an owner',
      category: 'Ownership',
      level: 'bronze',
      status: 'pass',
      value: 'group:default/payments',
      message: "Found 'group:default/payments'",
      remediation: null,
    },
    {
      id: 'has-docs',
      title: 'Has TechDocs',
      category: 'Documentation',
      level: 'silver',
      status: 'fail',
      value: null,
      message: "No value for 'catalog:annotation:backstage.io/techdocs-ref'",
      remediation: {
        text: 'Add docs next to the code.',
        url: 'https://backstage.io/docs/features/techdocs/',
        template: 'template:default/add-techdocs',
      },
    },
    {
      id: 'slo',
      title: 'SLO defined',
      category: 'Reliability',
      level: 'silver',
      status: 'pass',
      value: true,
      message: 'true is equal to true',
      remediation: null,
    },
    {
      id: 'dora',
      title: 'DORA tier high or better',
      category: 'Delivery',
      level: 'gold',
      status: 'error',
      value: null,
      message: "Fact provider 'dora' failed: DORA backend unavailable",
      remediation: null,
    },
    {
      id: 'web-only',
      title: 'Web vitals',
      category: 'Web',
      level: null,
      status: 'skipped',
      value: null,
      message: 'Does not apply to this entity',
      remediation: null,
    },
  ],
};

const DAY = 86_400_000;

function fakeApi(overrides: Partial<ScorecardApi> = {}): ScorecardApi {
  return {
    getOutcomes: jest.fn(),
    answerPulse: jest.fn(),
    getPulseComments: jest.fn(),
    getDoraOutcomes: jest.fn(),
    listCampaigns: jest.fn(async () => ({ items: [] })),
    getCampaign: jest.fn(),
    createCampaign: jest.fn(),
    startCampaignUpgrades: jest.fn(),
    getHealth: jest.fn(),
    getChecks: jest.fn(async () => ({
      levels: [],
      checks: [],
      exemptions: { maxDurationMs: 30 * DAY, autoApprove: false },
    })),
    listExemptions: jest.fn(async () => ({ items: [], nextCursor: null })),
    requestExemption: jest.fn(async (_entity, request) => ({
      id: 'ex-1',
      entityRef: scorecard.entityRef,
      ...request,
      requestedBy: 'user:default/guest',
      requestedAt: new Date().toISOString(),
      status: 'pending' as const,
      decidedBy: null,
      decidedAt: null,
      comment: null,
    })),
    decideExemption: jest.fn(),
    getOverview: jest.fn(),
    getRollup: jest.fn(),
    getEntityScorecard: jest.fn(async () => scorecard),
    refreshEntityScorecard: jest.fn(async () => scorecard),
    getHistory: jest.fn(async () => ({
      entityRef: scorecard.entityRef,
      items: [
        {
          evaluatedAt: '2026-11-20T10:00:00.000Z',
          score: 40,
          level: null,
          checks: {},
        },
        {
          evaluatedAt: '2026-11-22T10:00:00.000Z',
          score: 72,
          level: 'bronze',
          checks: {},
        },
      ],
    })),
    ...overrides,
  };
}

async function renderCard(
  api: ScorecardApi,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const permissionApi = mockApis.permission({ authorize });
  const authorizeSpy = jest.spyOn(permissionApi, 'authorize');
  // usePermission caches decisions in SWR; a fresh cache per render keeps
  // one test's decision from leaking into the next.
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [scorecardApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityScorecardCard />
        </EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
  );
  return { authorizeSpy };
}

// Typing into dialogs with userEvent takes seconds on a busy 2-core machine.
jest.setTimeout(20_000);

describe('EntityScorecardCard', () => {
  it('shows level, score, trend, progress and checks by category with remediation', async () => {
    await renderCard(fakeApi());

    expect(await screen.findByLabelText('Level: Bronze')).toBeInTheDocument();
    expect(screen.getByLabelText('Score')).toHaveTextContent('72 / 100');
    expect(
      screen.getByRole('img', {
        name: 'Score trend: from 40 to 72 over 2 evaluations',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 of 2 Silver checks pass')).toBeInTheDocument();
    for (const category of [
      'Ownership',
      'Documentation',
      'Reliability',
      'Delivery',
    ]) {
      expect(screen.getByText(category)).toBeInTheDocument();
    }
    expect(screen.queryByText('Web vitals')).not.toBeInTheDocument();
    expect(
      screen.getByText('1 check does not apply to this entity.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/observed: group:default\/payments/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Fact provider 'dora' failed: DORA backend unavailable/),
    ).toBeInTheDocument();
    expect(screen.getByText('Add docs next to the code.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /How to fix/ })).toHaveAttribute(
      'href',
      'https://backstage.io/docs/features/techdocs/',
    );
    expect(
      screen.getByRole('button', { name: 'Fix with a template' }),
    ).toHaveAttribute('href', '/create/templates/default/add-techdocs');
  });

  it('refreshes for users allowed to, and reloads the result', async () => {
    const api = fakeApi();
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh scorecard' }),
    );
    await waitFor(() =>
      expect(api.refreshEntityScorecard).toHaveBeenCalledWith({
        kind: 'Component',
        namespace: 'default',
        name: 'payments-api',
      }),
    );
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
  });

  it('hides refresh from users without scorecard.entity.refresh', async () => {
    const { authorizeSpy } = await renderCard(fakeApi(), AuthorizeResult.DENY);
    expect(await screen.findByLabelText('Level: Bronze')).toBeInTheDocument();
    await waitFor(() => expect(authorizeSpy).toHaveBeenCalled());
    // A resource permission: the decision is for this entity.
    expect(authorizeSpy).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'scorecard.entity.refresh',
        }),
        resourceRef: 'component:default/payments-api',
      }),
    );
    await expect(authorizeSpy.mock.results[0].value).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      screen.queryByRole('button', { name: 'Refresh scorecard' }),
    ).not.toBeInTheDocument();
  });

  it('requests an exemption from a failing check with a justification and an expiry within the maximum', async () => {
    const api = fakeApi();
    await renderCard(api);
    // Failing and erroring checks offer it; passing ones do not.
    expect(
      await screen.findByRole('button', {
        name: 'Request exemption from Has TechDocs',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Request exemption from DORA tier high or better',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', {
        name: 'Request exemption from Has an owner',
      }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Request exemption from Has TechDocs',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const date = await within(dialog).findByLabelText(/Expires on/);
    const max = localDate(new Date(Date.now() + 30 * DAY));
    expect(date).toHaveAttribute('max', max);
    const submit = within(dialog).getByRole('button', {
      name: 'Request exemption',
    });
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      'too short',
    );
    await userEvent.type(date, localDate(new Date(Date.now() + 40 * DAY)));
    // A justification under 10 characters, and a day beyond the maximum.
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      ': docs move to the vendor portal',
    );
    expect(submit).toBeDisabled();
    await userEvent.clear(date);
    const day = new Date(Date.now() + 10 * DAY);
    await userEvent.type(date, localDate(day));
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(api.requestExemption).toHaveBeenCalled());
    const [entityRef, request] = (api.requestExemption as jest.Mock).mock
      .calls[0];
    expect(entityRef).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
    expect(request).toMatchObject({
      checkId: 'has-docs',
      justification: 'too short: docs move to the vendor portal',
    });
    expect(localDate(new Date(request.expiresAt))).toBe(localDate(day));
    // The dialog closes and the card reloads with the pending request.
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
  });

  it('shows the backend error of a refused request in the dialog', async () => {
    const api = fakeApi({
      requestExemption: jest.fn(async () => {
        throw new Error(
          "Invalid 'checkId': 'component:default/payments-api' already has a pending or approved exemption from 'has-docs'",
        );
      }),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption from Has TechDocs',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      'Docs move to the vendor portal',
    );
    await userEvent.type(
      await within(dialog).findByLabelText(/Expires on/),
      localDate(new Date(Date.now() + 2 * DAY)),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'already has a pending or approved exemption',
    );
  });

  it('shows exempt checks with expiry, reason and approver, and pending requests', async () => {
    const exempt: CheckResult = {
      ...scorecard.checks[1],
      status: 'exempt',
      exemption: {
        id: 'ex-1',
        justification: 'Docs live in the vendor portal',
        expiresAt: '2027-01-31T12:00:00.000Z',
        approvedBy: 'user:default/ada',
      },
    };
    const api = fakeApi({
      getEntityScorecard: jest.fn(async () => ({
        ...scorecard,
        checks: [
          scorecard.checks[0],
          exempt,
          scorecard.checks[2],
          scorecard.checks[3],
        ],
      })),
      listExemptions: jest.fn(async () => ({
        items: [
          {
            id: 'ex-2',
            entityRef: scorecard.entityRef,
            checkId: 'dora',
            justification: 'New service, no deployments yet',
            requestedBy: 'user:default/guest',
            requestedAt: '2026-11-22T10:00:00.000Z',
            expiresAt: '2026-12-20T12:00:00.000Z',
            status: 'pending' as const,
            decidedBy: null,
            decidedAt: null,
            comment: null,
          },
        ],
        nextCursor: null,
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        `Exempt until ${new Date(
          '2027-01-31T12:00:00.000Z',
        ).toLocaleDateString()} — Docs live in the vendor portal — approved by user:default/ada`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Exempt')).toBeInTheDocument();
    // An exempt check counts as passing towards the next level.
    expect(screen.getByText('2 of 2 Silver checks pass')).toBeInTheDocument();
    expect(
      screen.getByText(
        `Exemption until ${new Date(
          '2026-12-20T12:00:00.000Z',
        ).toLocaleDateString()} requested by user:default/guest, pending approval`,
      ),
    ).toBeInTheDocument();
    expect(api.listExemptions).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      statuses: ['pending'],
    });
    // Neither the exempt check nor the one with a pending request offers another.
    expect(
      screen.queryByRole('button', { name: /Request exemption/ }),
    ).not.toBeInTheDocument();
  });

  it('offers no exemption to users without scorecard.exemption.request', async () => {
    const { authorizeSpy } = await renderCard(fakeApi(), AuthorizeResult.DENY);
    expect(await screen.findByLabelText('Level: Bronze')).toBeInTheDocument();
    await waitFor(() =>
      expect(authorizeSpy).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'scorecard.exemption.request',
          }),
          resourceRef: 'component:default/payments-api',
        }),
      ),
    );
    expect(
      screen.queryByRole('button', { name: /Request exemption/ }),
    ).not.toBeInTheDocument();
  });

  it('explains what to do when no check applies', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No scorecard check applies',
          },
        }),
        {
          status: 404,
          statusText: 'Not Found',
          headers: { 'content-type': 'application/json' },
        },
      ) as any,
    );
    await renderCard(
      fakeApi({
        getEntityScorecard: async () => {
          throw notFound;
        },
      }),
    );
    expect(
      await screen.findByText('No scorecard for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/configured under 'scorecard.checks'/),
    ).toBeInTheDocument();
  });

  it('shows other backend errors', async () => {
    await renderCard(
      fakeApi({
        getEntityScorecard: async () => {
          throw new Error('scorecard backend is down');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/scorecard backend is down/))[0],
    ).toBeInTheDocument();
  });
});
