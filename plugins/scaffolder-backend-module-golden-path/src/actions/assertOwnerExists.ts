import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/**
 * Looks the owner up in the catalog with the initiator's credentials, so a
 * user cannot name an owner they cannot see; throws naming the field.
 */
export async function assertOwnerExists(
  ctx: Pick<ActionContext<any>, 'checkpoint' | 'getInitiatorCredentials'>,
  catalog: CatalogService,
  owner: string,
): Promise<void> {
  const found = await ctx.checkpoint({
    key: `golden-path.owner.${owner}`,
    fn: async () => {
      const credentials = await ctx.getInitiatorCredentials();
      return Boolean(await catalog.getEntityByRef(owner, { credentials }));
    },
  });
  if (!found) {
    throw new InputError(
      `Invalid 'owner' '${owner}': no such entity in the catalog`,
    );
  }
}
