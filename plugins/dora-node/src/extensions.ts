import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A source of deployments, changes or incidents (a CI or incident tool).
 *
 * @public
 */
export interface DoraProvider {
  /** Unique id of the provider, e.g. `github` or `pagerduty`. */
  readonly id: string;
}

/**
 * Lets backend modules add providers to the DORA backend.
 *
 * @public
 */
export interface DoraProvidersExtensionPoint {
  addProvider(...providers: DoraProvider[]): void;
}

/**
 * Extension point `dora.providers`.
 *
 * @public
 */
export const doraProvidersExtensionPoint =
  createExtensionPoint<DoraProvidersExtensionPoint>({
    id: 'dora.providers',
  });
