/**
 * Event `source` of deployments from GitHub.
 *
 * @public
 */
export const GITHUB_SOURCE = 'github';
