import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ScorecardApi, scorecardApiRef } from '../../api';
import { EntityScorecardCard } from './EntityScorecardCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: { 'paved-road.dev/golden-path': 'node-service@1.2.0' },
  },
  spec: { type: 'service', owner: 'group:default/team-a', lifecycle: 'production' },
};

const healthyApi: ScorecardApi = {
  getHealth: async () => ({ status: 'ok', providers: [] }),
};

describe('EntityScorecardCard', () => {
  it('shows the owner, the docs hint and the golden-path version', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[scorecardApiRef, healthyApi]]}>
        <EntityProvider entity={entity}>
          <EntityScorecardCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(await screen.findByText('group:default/team-a')).toBeInTheDocument();
    expect(
      screen.getByText("missing: add 'backstage.io/techdocs-ref'"),
    ).toBeInTheDocument();
    expect(screen.getByText('node-service@1.2.0')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const failingApi: ScorecardApi = {
      getHealth: async () => {
        throw new Error('scorecard backend is down');
      },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[scorecardApiRef, failingApi]]}>
        <EntityProvider entity={entity}>
          <EntityScorecardCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      (await screen.findAllByText(/scorecard backend is down/))[0],
    ).toBeInTheDocument();
  });
});
