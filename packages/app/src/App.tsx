import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import doraPlugin from '@paved-road/plugin-dora/alpha';
import scorecardPlugin from '@paved-road/plugin-scorecard/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

/**
 * The features the app lists itself. The other plugins in package.json are
 * discovered at build time (`app.packages: all` in app-config.yaml).
 */
export const features = [
  catalogPlugin,
  doraPlugin,
  scorecardPlugin,
  navModule,
  homeModule,
];

export default createApp({ features });
