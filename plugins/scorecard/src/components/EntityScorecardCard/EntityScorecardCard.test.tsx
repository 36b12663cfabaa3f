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
import { EntityScorecard } from '@paved-road/plugin-scorecard-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ScorecardApi, scorecardApiRef } from '../../api';
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

function fakeApi(overrides: Partial<ScorecardApi> = {}): ScorecardApi {
  return {
    getHealth: jest.fn(),
    getChecks: jest.fn(),
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
