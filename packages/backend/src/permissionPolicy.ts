import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { doraEventCreatePermission } from '@paved-road/plugin-dora-common';

/**
 * The example team whose members approve scorecard exemptions, manage
 * scorecard campaigns and read developer pulse comments.
 */
const PLATFORM_TEAM = 'group:default/platform';

/** Basic permissions only members of {@link PLATFORM_TEAM} are allowed. */
const PLATFORM_ONLY = [
  'scorecard.exemption.approve',
  'scorecard.campaign.manage',
  'scorecard.outcomes.comments.read',
];

/**
 * The example app's policy: everything as with allow-all (every signed-in
 * user reads everything), except that users push DORA events and request
 * scorecard exemptions only for the entities they or their groups own, and
 * only members of the platform team approve exemptions, manage
 * (create, close) scorecard campaigns and read pulse comments.
 *
 * Static tokens (`backend.auth.externalAccess`, e.g. the example's CI token)
 * never reach this policy: Backstage decides them by their
 * `accessRestrictions` alone. The example token may push for every example
 * entity because it stands for one CI shared by all example teams; give each
 * real team its own token and list it under `dora.pushTokens` (see
 * docs/permissions.md).
 */
export class ExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, doraEventCreatePermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    // By name: the example backend does not depend on the scorecard's
    // -common package, which defines these permissions.
    if (
      request.permission.name === 'scorecard.exemption.request' &&
      isResourcePermission(request.permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    if (PLATFORM_ONLY.includes(request.permission.name)) {
      return {
        result: user?.info.ownershipEntityRefs.includes(PLATFORM_TEAM)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link ExamplePermissionPolicy} in the permission backend. */
export const examplePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'paved-road-example-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExamplePermissionPolicy());
      },
    });
  },
});

export default examplePermissionPolicyModule;
