import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ScorecardClient, scorecardApiRef } from './api';
import { rootRouteRef } from './routes';
import type { EntityScorecardCardProps } from './components/EntityScorecardCard';

/**
 * The scorecard frontend plugin (legacy frontend system).
 *
 * @public
 */
export const scorecardPlugin = createPlugin({
  id: 'scorecard',
  apis: [
    createApiFactory({
      api: scorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * Scorecard card for an entity page (legacy frontend system).
 *
 * @public
 */
export const EntityScorecardCard: (
  props: EntityScorecardCardProps,
) => JSX.Element = scorecardPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardCard').then(
          m => m.EntityScorecardCard,
        ),
    },
  }),
);

/**
 * The scorecard pages (legacy frontend system): the overview at the mount
 * path and the platform outcomes at `outcomes` below it.
 *
 * @public
 */
export const ScorecardPage: () => JSX.Element = scorecardPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardPage',
    component: () =>
      import('./components/ScorecardRouter').then(m => m.ScorecardRouter),
    mountPoint: rootRouteRef,
  }),
);
