/**
 * The Paved Road scorecard frontend plugin for the new frontend system.
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
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { ScorecardClient, scorecardApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * Registers the default `ScorecardClient` as the scorecard API.
 *
 * @alpha
 */
export const scorecardApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Entity page card with the component's scorecard: level, score, trend and checks.
 *
 * @alpha
 */
export const scorecardEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityScorecardCard').then(m => (
        <m.EntityScorecardCard />
      )),
  },
});

/**
 * The scorecard pages: the overview at `/scorecard` (entities by level,
 * filters, team roll-up and CSV export) and the platform outcomes at
 * `/scorecard/outcomes`.
 *
 * @alpha
 */
export const scorecardPage = PageBlueprint.make({
  params: {
    path: '/scorecard',
    title: 'Scorecards',
    // The page renders its own header (title, subtitle, actions) in both
    // frontend systems: without this, newer apps add a second title bar.
    noHeader: true,
    icon: <AssignmentTurnedInIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ScorecardRouter').then(m => <m.ScorecardRouter />),
  },
});

/**
 * The scorecard frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'scorecard',
  title: 'Scorecards',
  icon: <AssignmentTurnedInIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [scorecardApi, scorecardEntityCard, scorecardPage],
});
