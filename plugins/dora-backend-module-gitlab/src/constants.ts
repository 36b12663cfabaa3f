/**
 * Event `source` of everything this module ingests.
 *
 * @public
 */
export const GITLAB_SOURCE = 'gitlab';

/**
 * Annotation holding a project's path, e.g. `acme/platform/payments`.
 *
 * @public
 */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';

/**
 * Annotation holding a project's numeric id.
 *
 * @public
 */
export const GITLAB_PROJECT_ID_ANNOTATION = 'gitlab.com/project-id';
