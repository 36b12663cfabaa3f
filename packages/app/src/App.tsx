import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import doraPlugin from '@paved-road/plugin-dora/alpha';
import scorecardPlugin from '@paved-road/plugin-scorecard/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  features: [catalogPlugin, doraPlugin, scorecardPlugin, navModule, homeModule],
});
