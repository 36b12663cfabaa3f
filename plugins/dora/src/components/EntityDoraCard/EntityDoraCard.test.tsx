import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DoraApi, doraApiRef } from '../../api';
import { EntityDoraCard } from './EntityDoraCard';

function entityWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const healthyApi: DoraApi = {
  getHealth: async () => ({ status: 'ok', providers: [] }),
};

describe('EntityDoraCard', () => {
  it('names the sources found in the entity annotations', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[doraApiRef, healthyApi]]}>
        <EntityProvider
          entity={entityWith({
            'github.com/project-slug': 'acme/payments',
            'pagerduty.com/service-id': 'PX1',
          })}
        >
          <EntityDoraCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      await screen.findByText(/GitHub \(acme\/payments\), PagerDuty \(PX1\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/DORA backend reachable/)).toBeInTheDocument();
  });

  it('tells the user which annotation to add when there is no source', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[doraApiRef, healthyApi]]}>
        <EntityProvider entity={entityWith({})}>
          <EntityDoraCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      await screen.findByText('No delivery data source for this entity'),
    ).toBeInTheDocument();
    expect(screen.getByText(/github.com\/project-slug/)).toBeInTheDocument();
  });

  it('shows the backend error instead of the card content', async () => {
    const failingApi: DoraApi = {
      getHealth: async () => {
        throw new Error('DORA backend is down');
      },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[doraApiRef, failingApi]]}>
        <EntityProvider entity={entityWith({})}>
          <EntityDoraCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      (await screen.findAllByText(/DORA backend is down/))[0],
    ).toBeInTheDocument();
  });
});
