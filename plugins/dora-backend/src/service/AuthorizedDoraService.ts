import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DoraEventsResponse,
  doraEventCreatePermission,
} from '@paved-road/plugin-dora-common';
import { DoraBackendService } from './types';

/**
 * Checks `dora.event.create` before any event is read or stored; reads need
 * credentials only.
 *
 * @internal
 */
export class AuthorizedDoraService implements DoraBackendService {
  constructor(
    private readonly inner: DoraBackendService,
    private readonly permissions: PermissionsService,
  ) {}

  async ingest(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<DoraEventsResponse> {
    const [decision] = await this.permissions.authorize(
      [{ permission: doraEventCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission '${doraEventCreatePermission.name}'`,
      );
    }
    return this.inner.ingest(body, credentials);
  }

  getMetrics: DoraBackendService['getMetrics'] = options =>
    this.inner.getMetrics(options);

  listDeployments: DoraBackendService['listDeployments'] = options =>
    this.inner.listDeployments(options);
}
