import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { z } from 'zod';
import { GoldenPathAnswers } from '../types';

const answersSchema = z.object({
  archetype: z.string().min(1),
  version: z.string().min(1),
  scaffoldedFrom: z.string().optional(),
  inputs: z.object({
    name: z.string().min(1),
    owner: z.string().min(1),
    description: z.string().optional(),
    system: z.string().optional(),
    lifecycle: z.string().min(1),
    repoSlug: z.string().optional(),
    ciProvider: z.enum(['github-actions', 'gitlab-ci']),
    slo: z.number(),
    pagerdutyServiceId: z.string().optional(),
  }),
});

/** Parses `.paved-road/answers.yaml`, naming the file and field on failure. */
export function parseAnswers(
  content: string,
  where: string,
): GoldenPathAnswers {
  const result = answersSchema.safeParse(parse(content));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${where}: '${issue.path.join('.')}' ${issue.message}`,
    );
  }
  return result.data;
}
