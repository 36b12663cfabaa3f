/**
 * Status of one check for one entity.
 *
 * @public
 */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped';

/**
 * Health of the scorecard backend as returned by `GET /api/scorecard/health`.
 *
 * @public
 */
export interface ScorecardHealth {
  status: 'ok';
}
