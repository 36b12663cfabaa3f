/**
 * Annotations that the DORA plugins read from catalog entities.
 *
 * @public
 */
export const DORA_ANNOTATIONS = {
  githubProjectSlug: 'github.com/project-slug',
  gitlabProjectSlug: 'gitlab.com/project-slug',
  gitlabProjectId: 'gitlab.com/project-id',
  pagerDutyServiceId: 'pagerduty.com/service-id',
  opsgenieComponentSelector: 'opsgenie.com/component-selector',
  incidentIoService: 'paved-road.dev/incident-io-service',
  openSloRef: 'paved-road.dev/openslo-ref',
  /**
   * An entity's own incident attribution, overriding `dora.linking`, e.g.
   * `rules=explicit,rollback,latest-before; lookback=7d`.
   */
  doraLinking: 'paved-road.dev/dora-linking',
} as const;

/**
 * Health of the DORA backend as returned by `GET /api/dora/health`.
 *
 * @public
 */
export interface DoraHealth {
  /** Always `ok` when the backend answers. */
  status: 'ok';
}
