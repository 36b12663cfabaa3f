import { createApiRef } from '@backstage/core-plugin-api';
import { DoraHealth } from '@paved-road/plugin-dora-common';

/**
 * Client for the DORA/SLO backend.
 *
 * @public
 */
export interface DoraApi {
  getHealth(): Promise<DoraHealth & { providers: string[] }>;
}

/**
 * ApiRef of {@link DoraApi}.
 *
 * @public
 */
export const doraApiRef = createApiRef<DoraApi>({ id: 'plugin.dora.api' });
