import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DoraService } from '@paved-road/plugin-dora-node';
import { ScorecardFactProvider } from '@paved-road/plugin-scorecard-node';
import { CatalogFactProvider } from './CatalogFactProvider';
import { DoraFactProvider } from './DoraFactProvider';
import { GoldenPathFactProvider } from './GoldenPathFactProvider';
import { SloFactProvider } from './SloFactProvider';

/** The providers every scorecard backend has: catalog, golden-path, dora, slo. @internal */
export function builtInFactProviders(deps: {
  config: Config;
  dora: DoraService;
  discovery: DiscoveryService;
  auth: AuthService;
}): Map<string, ScorecardFactProvider> {
  const providers: ScorecardFactProvider[] = [
    new CatalogFactProvider(),
    GoldenPathFactProvider.fromConfig(deps.config),
    new DoraFactProvider(deps.dora),
    new SloFactProvider({ discovery: deps.discovery, auth: deps.auth }),
  ];
  return new Map(providers.map(p => [p.id, p]));
}
