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
}): Map<string, ScorecardFactProvider> {
  const providers: ScorecardFactProvider[] = [
    new CatalogFactProvider(),
    GoldenPathFactProvider.fromConfig(deps.config),
    new DoraFactProvider(deps.dora),
    new SloFactProvider(deps.dora),
  ];
  return new Map(providers.map(p => [p.id, p]));
}
