/**
 * The Paved Road DORA frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { DoraClient, doraApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * Registers the default `DoraClient` as the DORA API.
 *
 * @alpha
 */
export const doraApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: doraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DoraClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Entity page card with the component's DORA metrics, tiers and trends.
 *
 * @alpha
 */
export const doraEntityCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityDoraCard').then(m => <m.EntityDoraCard />),
  },
});

/**
 * Entity page card with the component's SLOs: attainment, error budget and burn-rate status.
 *
 * @alpha
 */
export const doraSloEntityCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * The DORA team page at `/dora`: a team's services with their metrics, trends and evidence.
 *
 * @alpha
 */
export const doraPage = PageBlueprint.make({
  params: {
    path: '/dora',
    title: 'DORA',
    // The page renders its own header (title, subtitle, actions) in both
    // frontend systems: without this, newer apps add a second title bar.
    noHeader: true,
    icon: <TimelineIcon />,
    routeRef: rootRouteRef,
    loader: () => import('./components/DoraPage').then(m => <m.DoraPage />),
  },
});

/**
 * The DORA frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'dora',
  title: 'DORA',
  icon: <TimelineIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [doraApi, doraEntityCard, doraSloEntityCard, doraPage],
});
