import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DoraClient, doraApiRef } from './api';
import { rootRouteRef } from './routes';
import type { EntityDoraCardProps } from './components/EntityDoraCard';
import type { EntitySloCardProps } from './components/EntitySloCard';

/**
 * The DORA frontend plugin (legacy frontend system).
 *
 * @public
 */
export const doraPlugin = createPlugin({
  id: 'dora',
  apis: [
    createApiFactory({
      api: doraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DoraClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * DORA metrics card for an entity page (legacy frontend system).
 *
 * @public
 */
export const EntityDoraCard: (props: EntityDoraCardProps) => JSX.Element =
  doraPlugin.provide(
    createComponentExtension({
      name: 'EntityDoraCard',
      component: {
        lazy: () =>
          import('./components/EntityDoraCard').then(m => m.EntityDoraCard),
      },
    }),
  );

/**
 * SLO card for an entity page (legacy frontend system): attainment, error
 * budget and burn-rate status of the entity's OpenSLO objectives.
 *
 * @public
 */
export const EntitySloCard: (props: EntitySloCardProps) => JSX.Element =
  doraPlugin.provide(
    createComponentExtension({
      name: 'EntitySloCard',
      component: {
        lazy: () =>
          import('./components/EntitySloCard').then(m => m.EntitySloCard),
      },
    }),
  );

/**
 * The DORA team page (legacy frontend system).
 *
 * @public
 */
export const DoraPage: () => JSX.Element = doraPlugin.provide(
  createRoutableExtension({
    name: 'DoraPage',
    component: () => import('./components/DoraPage').then(m => m.DoraPage),
    mountPoint: rootRouteRef,
  }),
);
