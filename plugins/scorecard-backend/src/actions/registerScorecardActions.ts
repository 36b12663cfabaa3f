import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AuthorizedScorecardService } from '../service/AuthorizedScorecardService';
import { CampaignService } from '../campaigns';
import { registerCampaignProgressAction } from './campaignProgressAction';

const MAX_ITEMS = 200;
// Pages of the overview read at most (5,000 entities of the owner).
const MAX_PAGES = 25;

function entityRefOf(ref: string) {
  try {
    return parseEntityRef(ref, { defaultNamespace: 'default' });
  } catch {
    throw new InputError(
      `Invalid 'entityRef': expected an entity ref like component:default/name, got '${ref}'`,
    );
  }
}

/**
 * Read actions for assistants and scripts (Backstage's actions registry,
 * served to MCP clients by the MCP actions backend), answered with the
 * caller's credentials exactly as the HTTP routes: an entity the caller
 * cannot read is not found, a team lists only what the caller can read.
 *
 * @internal
 */
export function registerScorecardActions(options: {
  actionsRegistry: ActionsRegistryService;
  scorecard: Pick<
    AuthorizedScorecardService,
    'getEntityScorecard' | 'getOverview'
  >;
  campaigns: Pick<CampaignService, 'get'>;
}) {
  const { actionsRegistry, scorecard } = options;
  actionsRegistry.register({
    name: 'get-entity-scorecard',
    title: "An entity's scorecard",
    description:
      "The latest scorecard of one catalog entity: its score (0-100), level, and each check's status (pass, fail, error, exempt) with its remediation link.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .max(255)
            .describe('A catalog entity, e.g. component:default/payments-api'),
        }),
      output: z =>
        z.object({
          scorecard: z
            .record(z.unknown())
            .describe(
              'As GET /api/scorecard/entities/:kind/:namespace/:name answers',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = entityRefOf(input.entityRef);
      const result = await scorecard.getEntityScorecard(ref, credentials);
      return { output: { scorecard: { ...result } } };
    },
  });
  actionsRegistry.register({
    name: 'list-team-failing-checks',
    title: "A team's failing checks",
    description:
      'The entities a group owns (directly) that fail at least one scorecard check, with their score, level and failing check ids; at most 200 entities.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .max(255)
            .describe('A group, e.g. group:default/payments'),
          limit: z.number().int().min(1).max(MAX_ITEMS).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              entityRef: z.string(),
              score: z.number(),
              level: z.string().nullable(),
              failingChecks: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const owner = entityRefOf(input.owner);
      const limit = input.limit ?? 100;
      const items: Array<{
        entityRef: string;
        score: number;
        level: string | null;
        failingChecks: string[];
      }> = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        pages++;
        const page = await scorecard.getOverview(
          {
            owners: [
              `${owner.kind}:${owner.namespace}/${owner.name}`.toLocaleLowerCase(
                'en-US',
              ),
            ],
            cursor,
            limit: MAX_ITEMS,
          },
          credentials,
        );
        for (const item of page.items) {
          if (item.failingChecks.length === 0) continue;
          items.push({
            entityRef: item.entityRef,
            score: item.score,
            level: item.level?.id ?? null,
            failingChecks: item.failingChecks,
          });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < limit && pages < MAX_PAGES);
      return { output: { items: items.slice(0, limit) } };
    },
  });
  registerCampaignProgressAction(actionsRegistry, options.campaigns);
}
