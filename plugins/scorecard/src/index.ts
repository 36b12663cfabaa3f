/**
 * The Paved Road scorecard frontend plugin (legacy frontend system).
 * The new frontend system is exported from `/alpha`.
 *
 * @packageDocumentation
 */

export { scorecardPlugin, EntityScorecardCard, ScorecardPage } from './plugin';
export { scorecardApiRef, ScorecardClient } from './api';
export type {
  ScorecardApi,
  ScorecardClientOptions,
  ScorecardDoraOutcomesQuery,
  ScorecardExemptionQuery,
  ScorecardOverviewQuery,
} from './api';
export type { EntityScorecardCardProps } from './components/EntityScorecardCard';
