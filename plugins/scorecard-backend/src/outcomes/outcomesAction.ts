import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { OutcomesService } from './OutcomesService';

/**
 * `get-platform-outcomes`: the platform's outcomes as
 * `GET /api/scorecard/outcomes` answers them for the caller, without the
 * per-team daily history (`trend` keeps the overall shares per day).
 *
 * @internal
 */
export function registerOutcomesAction(
  actionsRegistry: ActionsRegistryService,
  outcomes: Pick<OutcomesService, 'get'>,
) {
  actionsRegistry.register({
    name: 'get-platform-outcomes',
    title: 'Platform outcomes',
    description:
      "The paved road's own outcomes, counting only what the caller can see: golden-path adoption (overall, per team with child groups, per system and archetype; shares 0-1), scaffolder runs per template with median duration, SLO coverage of production services, open exemptions by check and team, and developer pulse NPS per template and quarter.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          generatedAt: z.string(),
          adoption: z
            .record(z.string(), z.unknown())
            .describe('As adoption in GET /api/scorecard/outcomes'),
          trend: z
            .array(
              z.object({
                day: z.string(),
                estimated: z
                  .boolean()
                  .optional()
                  .describe(
                    'Before the first recorded day: estimated from paved-road.dev/scaffolded-at',
                  ),
                services: z.number(),
                shareGoldenPath: z.number().nullable(),
                shareCurrent: z.number().nullable(),
              }),
            )
            .describe(
              'Overall adoption: weekly estimates before the first recorded day, each stored day, then today',
            ),
          templates: z.record(z.unknown()),
          sloCoverage: z.record(z.unknown()),
          exemptions: z.record(z.unknown()),
          pulse: z.record(z.unknown()),
        }),
    },
    action: async ({ credentials }) => {
      const o = await outcomes.get(credentials);
      return {
        output: {
          generatedAt: o.generatedAt,
          adoption: { ...o.adoption },
          trend: o.history.map(p => ({
            day: p.day,
            ...(p.estimated ? { estimated: true } : {}),
            services: p.overall.services,
            shareGoldenPath: p.overall.shareGoldenPath,
            shareCurrent: p.overall.shareCurrent,
          })),
          templates: { ...o.templates },
          sloCoverage: { ...o.sloCoverage },
          exemptions: { ...o.exemptions },
          pulse: { ...o.pulse },
        },
      };
    },
  });
}
