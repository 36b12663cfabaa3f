import { createApiRef } from '@backstage/core-plugin-api';
import { ScorecardHealth } from '@paved-road/plugin-scorecard-common';

/**
 * Client for the scorecard backend.
 *
 * @public
 */
export interface ScorecardApi {
  getHealth(): Promise<ScorecardHealth & { providers: string[] }>;
}

/**
 * ApiRef of {@link ScorecardApi}.
 *
 * @public
 */
export const scorecardApiRef = createApiRef<ScorecardApi>({ id: 'plugin.scorecard.api' });
