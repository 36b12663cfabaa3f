import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { ExamplePermissionPolicy } from './permissionPolicy';

// The scorecard's permissions as its -common package defines them (the
// example backend matches them by name).
const campaignManage = createPermission({
  name: 'scorecard.campaign.manage',
  attributes: {},
});
const exemptionApprove = createPermission({
  name: 'scorecard.exemption.approve',
  attributes: {},
});
const outcomesCommentsRead = createPermission({
  name: 'scorecard.outcomes.comments.read',
  attributes: { action: 'read' },
});
const exemptionRequest = createPermission({
  name: 'scorecard.exemption.request',
  attributes: {},
  resourceType: 'catalog-entity',
});

const userOf = (ref: string, groups: string[]): PolicyQueryUser =>
  ({
    identity: {
      type: 'user',
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...groups],
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    token: 'token',
    credentials: {} as PolicyQueryUser['credentials'],
    expiresInSeconds: undefined,
  } as unknown as PolicyQueryUser);

const lead = userOf('user:default/ada', ['group:default/platform']);
const guest = userOf('user:default/guest', ['group:default/payments']);
const policy = new ExamplePermissionPolicy();

describe("the example policy's scorecard campaign and exemption rules", () => {
  it.each([campaignManage, exemptionApprove, outcomesCommentsRead])(
    'allows $name to the platform team only',
    async permission => {
      expect(await policy.handle({ permission }, lead)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await policy.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission })).toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it("allows exemption requests on the entities the user's groups own", async () => {
    const decision = await policy.handle(
      { permission: exemptionRequest },
      guest,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/payments'],
        },
      },
    });
  });

  it('leaves other scorecard permissions allowed', async () => {
    const read = createPermission({
      name: 'scorecard.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(await policy.handle({ permission: read }, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
