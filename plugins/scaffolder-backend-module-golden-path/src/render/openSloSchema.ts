import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { z } from 'zod';

const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
const metricSource = z.object({
  metricSource: z.object({
    type: z.string().min(1),
    spec: z.record(z.string(), z.unknown()),
  }),
});
const indicator = z.object({
  metadata: z.object({ name: dnsLabel, displayName: z.string().optional() }),
  spec: z.object({
    ratioMetric: z.object({
      counter: z.boolean(),
      good: metricSource,
      total: metricSource,
    }),
  }),
});

/**
 * The subset of the OpenSLO v1 `SLO` kind the golden path emits, with the
 * constraints of the OpenSLO v1 specification for those fields.
 */
export const openSloV1Schema = z
  .object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal('SLO'),
    metadata: z.object({ name: dnsLabel, displayName: z.string().optional() }),
    spec: z
      .object({
        description: z.string().max(1050).optional(),
        service: z.string().min(1),
        budgetingMethod: z.enum([
          'Occurrences',
          'Timeslices',
          'RatioTimeslices',
        ]),
        timeWindow: z
          .array(
            z.object({
              duration: z.string().regex(/^\d+[smhdwMQY]$/),
              isRolling: z.boolean(),
            }),
          )
          .length(1),
        objectives: z
          .array(
            z.object({
              displayName: z.string().optional(),
              target: z.number().gt(0).lt(1),
            }),
          )
          .min(1),
        indicator: indicator.optional(),
        indicatorRef: z.string().optional(),
      })
      .refine(s => Boolean(s.indicator) !== Boolean(s.indicatorRef), {
        message: 'exactly one of indicator or indicatorRef is required',
      }),
  })
  .strict();

/** Validates an OpenSLO v1 SLO document, throwing an InputError on failure. */
export function validateOpenSlo(content: string): void {
  const result = openSloV1Schema.safeParse(parse(content));
  if (!result.success) {
    const issues = result.error.issues
      .map(i => `'${i.path.join('.')}': ${i.message}`)
      .join('; ');
    throw new InputError(
      `Generated slo.yaml is not valid OpenSLO v1: ${issues}`,
    );
  }
}
