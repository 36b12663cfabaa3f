import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A source of facts about catalog entities that checks evaluate.
 *
 * @public
 */
export interface ScorecardFactProvider {
  /** Unique id of the provider, e.g. `catalog` or `dora`. */
  readonly id: string;
}

/**
 * Lets backend modules add fact providers to the scorecard backend.
 *
 * @public
 */
export interface ScorecardFactProvidersExtensionPoint {
  addFactProvider(...providers: ScorecardFactProvider[]): void;
}

/**
 * Extension point `scorecard.factProviders`.
 *
 * @public
 */
export const scorecardFactProvidersExtensionPoint =
  createExtensionPoint<ScorecardFactProvidersExtensionPoint>({
    id: 'scorecard.factProviders',
  });
