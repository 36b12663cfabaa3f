/**
 * Paved Road DORA backend module: incidents from PagerDuty (REST API v2 and
 * v3 webhooks) for entities annotated with `pagerduty.com/service-id`.
 *
 * @packageDocumentation
 */

export { doraModulePagerDuty as default } from './module';
export * from './config';
export { PagerDutyDoraProvider } from './PagerDutyDoraProvider';
export type { PagerDutyDoraProviderOptions } from './PagerDutyDoraProvider';
export { PAGERDUTY_SERVICE_ID_ANNOTATION } from './PagerDutyEntities';
export { PAGERDUTY_SOURCE } from './toIncidentEvents';
