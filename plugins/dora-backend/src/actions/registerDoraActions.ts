import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { AuthorizedDoraService } from '../service/AuthorizedDoraService';
import { parseQuery } from '../service/parseQuery';

/**
 * Read actions for assistants and scripts (Backstage's actions registry,
 * served to MCP clients by the MCP actions backend). Each answers with the
 * caller's credentials: an entity the caller cannot see is not found, and
 * a team counts only the entities the caller can see.
 *
 * @internal
 */
export function registerDoraActions(options: {
  actionsRegistry: ActionsRegistryService;
  dora: Pick<AuthorizedDoraService, 'getMetrics' | 'listIncidents'>;
}) {
  const { actionsRegistry, dora } = options;
  actionsRegistry.register({
    name: 'get-dora-metrics',
    title: 'DORA metrics of a service or team',
    description:
      'The four DORA keys (deployment frequency, lead time for changes, change failure rate, time to restore), failed deployment recovery time, rework rate and performance tiers of one catalog entity or of a group with its child groups, over a window (default: the last 30 days, at most 2 years).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: z
              .string()
              .max(255)
              .optional()
              .describe(
                'A catalog entity, e.g. component:default/payments-api',
              ),
            owner: z
              .string()
              .max(255)
              .optional()
              .describe(
                'A group, e.g. group:default/payments (with child groups)',
              ),
            from: z
              .string()
              .max(40)
              .optional()
              .describe('Start of the window, ISO 8601'),
            to: z
              .string()
              .max(40)
              .optional()
              .describe('End of the window, ISO 8601'),
          })
          .describe('Give exactly one of entityRef or owner'),
      output: z =>
        z.object({
          metrics: z
            .record(z.unknown())
            .describe('As GET /api/dora/metrics answers'),
        }),
    },
    action: async ({ input, credentials }) => {
      if (Boolean(input.entityRef) === Boolean(input.owner)) {
        throw new InputError('Give exactly one of entityRef or owner');
      }
      // The HTTP route's validation and bounds (2-year window, ...).
      const query = parseQuery({
        entityRef: input.entityRef,
        owner: input.owner,
        from: input.from,
        to: input.to,
      });
      const metrics = await dora.getMetrics({ ...query, credentials });
      return { output: { metrics: { ...metrics } } };
    },
  });
  actionsRegistry.register({
    name: 'list-dora-incidents',
    title: 'Incidents of a service with their attribution',
    description:
      'Incidents of one catalog entity opened in a window (default: the last 30 days), newest first, each with the deployment it is linked to and by which rule (explicit, rollback, latest-before), or why it is linked to none (excluded, beyond-lookback, no-deployment).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .max(255)
            .describe('A catalog entity, e.g. component:default/payments-api'),
          from: z.string().max(40).optional(),
          to: z.string().max(40).optional(),
          limit: z.number().int().min(1).max(100).optional(),
        }),
      output: z =>
        z.object({
          items: z
            .array(z.record(z.unknown()))
            .describe('As GET /api/dora/incidents answers'),
        }),
    },
    action: async ({ input, credentials }) => {
      const query = parseQuery({
        entityRef: input.entityRef,
        from: input.from,
        to: input.to,
        limit: String(input.limit ?? 50),
      });
      const page = await dora.listIncidents({ ...query, credentials });
      return { output: { items: page.items.map(i => ({ ...i })) } };
    },
  });
}
