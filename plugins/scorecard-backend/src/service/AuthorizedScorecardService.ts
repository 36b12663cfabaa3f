import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scorecardEntityRefreshPermission } from '@paved-road/plugin-scorecard-common';
import { ScorecardEntityAccess } from './ScorecardEntityAccess';
import { OverviewQuery, ScorecardService } from './types';

/**
 * Decorates a {@link ScorecardService} with permission checks on writes.
 * Reads (catalog visibility and `scorecard.entity.read`) are decided by
 * `ScorecardEntityAccess` inside the service, because the overview must
 * filter rows while it pages.
 *
 * @internal
 */
export class AuthorizedScorecardService implements ScorecardService {
  constructor(
    private readonly inner: ScorecardService,
    private readonly permissions: PermissionsService,
    private readonly access: ScorecardEntityAccess,
  ) {}

  getChecks() {
    return this.inner.getChecks();
  }

  getEntityScorecard(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ) {
    return this.inner.getEntityScorecard(ref, credentials);
  }

  /** 404 for an entity the caller may not read, then 403 unless allowed to refresh it. */
  async refresh(ref: CompoundEntityRef, credentials: BackstageCredentials) {
    const entity = await this.access.readableEntity(ref, credentials);
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: scorecardEntityRefreshPermission,
          resourceRef: stringifyEntityRef(entity),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to refresh the scorecard of '${stringifyEntityRef(
          entity,
        )}' ('${scorecardEntityRefreshPermission.name}')`,
      );
    }
    return this.inner.refresh(ref, credentials);
  }

  getHistory(
    ref: CompoundEntityRef,
    window: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ) {
    return this.inner.getHistory(ref, window, credentials);
  }

  getOverview(query: OverviewQuery, credentials: BackstageCredentials) {
    return this.inner.getOverview(query, credentials);
  }

  getRollup(query: OverviewQuery, credentials: BackstageCredentials) {
    return this.inner.getRollup(query, credentials);
  }
}
