import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ScorecardExemptionDecision,
  ScorecardExemptionRequest,
  scorecardExemptionApprovePermission,
  scorecardExemptionRequestPermission,
} from '@paved-road/plugin-scorecard-common';
import { ScorecardEntityAccess } from '../ScorecardEntityAccess';
import { DefaultExemptionService } from './DefaultExemptionService';
import { ExemptionQuery, ExemptionService } from './ExemptionService';

/**
 * Decorates the exemption service with permission checks on writes. The
 * entity (or the exemption's entity) must be readable first, so a caller
 * who may not read it gets the 404 of an unknown one, never a 403 that
 * would confirm it exists.
 *
 * @internal
 */
export class AuthorizedExemptionService implements ExemptionService {
  constructor(
    private readonly inner: DefaultExemptionService,
    private readonly permissions: PermissionsService,
    private readonly access: ScorecardEntityAccess,
  ) {}

  policy() {
    return this.inner.policy();
  }

  /** 404 for an entity the caller may not read, then 403 unless allowed to request for it. */
  async request(
    ref: CompoundEntityRef,
    body: ScorecardExemptionRequest,
    credentials: BackstageCredentials,
  ) {
    const entityRef = stringifyEntityRef(
      await this.access.readableEntity(ref, credentials),
    );
    await this.require(
      scorecardExemptionRequestPermission,
      credentials,
      `Not allowed to request exemptions for '${entityRef}'`,
      entityRef,
    );
    return this.inner.request(ref, body, credentials);
  }

  /** 404 for an exemption of an entity the caller may not read, then 403 without the approve permission. */
  async decide(
    id: string,
    body: ScorecardExemptionDecision,
    credentials: BackstageCredentials,
  ) {
    await this.inner.get(id, credentials);
    await this.require(
      scorecardExemptionApprovePermission,
      credentials,
      'Not allowed to approve or deny exemptions',
    );
    return this.inner.decide(id, body, credentials);
  }

  list(query: ExemptionQuery, credentials: BackstageCredentials) {
    return this.inner.list(query, credentials);
  }

  private async require(
    permission: BasicPermission | ResourcePermission,
    credentials: BackstageCredentials,
    message: string,
    resourceRef?: string,
  ) {
    const [decision] = await this.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${message} ('${permission.name}')`);
    }
  }
}
