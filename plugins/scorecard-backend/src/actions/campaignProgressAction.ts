import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CampaignService } from '../campaigns';

/**
 * `get-campaign-progress`: a campaign's progress per team and the entities
 * not done yet, counting only what the caller may read (as
 * `GET /campaigns/:id`). The stored history is left out.
 *
 * @internal
 */
export function registerCampaignProgressAction(
  actionsRegistry: ActionsRegistryService,
  campaigns: Pick<CampaignService, 'get'>,
) {
  actionsRegistry.register({
    name: 'get-campaign-progress',
    title: "A campaign's progress",
    description:
      "A scorecard campaign's goal, deadline and progress: done/total overall and per team, and the entities not done yet (at most 200) with their failing checks. Counts only the entities the caller may read.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          campaignId: z
            .string()
            .min(1)
            .max(100)
            .describe('The campaign id, e.g. golden-path-1-1'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          deadline: z.string(),
          closedAt: z.string().nullable(),
          done: z.number(),
          total: z.number(),
          teams: z.array(
            z.object({
              team: z.string().nullable(),
              done: z.number(),
              total: z.number(),
            }),
          ),
          entitiesNotDone: z.array(
            z.object({
              entityRef: z.string(),
              owner: z.string().nullable(),
              failingChecks: z.array(z.string()),
            }),
          ),
          entitiesNotDoneCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const c = await campaigns.get(input.campaignId, credentials);
      return {
        output: {
          id: c.id,
          title: c.title,
          deadline: c.deadline,
          closedAt: c.closedAt,
          done: c.done,
          total: c.total,
          teams: c.teams.map(t => ({
            team: t.team,
            done: t.done,
            total: t.total,
          })),
          entitiesNotDone: c.entitiesNotDone.map(e => ({
            entityRef: e.entityRef,
            owner: e.owner,
            failingChecks: e.failingChecks.map(f => f.id),
          })),
          entitiesNotDoneCount: c.entitiesNotDoneCount,
        },
      };
    },
  });
}
