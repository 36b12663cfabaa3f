import { DORA_ANNOTATIONS } from '@paved-road/plugin-dora-common';

/** Where the backend, its providers and the push API are documented. */
export const DORA_DOCS_URL =
  'https://github.com/paved-road/paved-road/blob/main/plugins/dora-backend/README.md';

/** The event source name of the example-only demo data provider. */
export const DEMO_SOURCE = 'demo';

/** Annotations that connect an entity to a delivery or incident source. */
export const SOURCE_ANNOTATIONS: Array<{ key: string; label: string }> = [
  { key: DORA_ANNOTATIONS.githubProjectSlug, label: 'GitHub' },
  { key: DORA_ANNOTATIONS.gitlabProjectSlug, label: 'GitLab' },
  { key: DORA_ANNOTATIONS.gitlabProjectId, label: 'GitLab' },
  { key: DORA_ANNOTATIONS.pagerDutyServiceId, label: 'PagerDuty' },
  { key: DORA_ANNOTATIONS.opsgenieComponentSelector, label: 'Opsgenie' },
  { key: DORA_ANNOTATIONS.incidentIoService, label: 'incident.io' },
];
