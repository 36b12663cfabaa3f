import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { z } from 'zod';
import { normalizeInputs } from '../actions/goldenPathInputs';
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

/**
 * Parses `.paved-road/answers.yaml`, naming the file and field on failure.
 * Anyone who can push to the repository can edit it, so its inputs go
 * through the same validation as the inputs of `golden-path:create`.
 */
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
  try {
    // Validation only: the answers stay as written, so re-rendering the
    // recorded version reproduces the repository's files byte for byte.
    normalizeInputs(result.data.inputs);
  } catch (e) {
    throw new InputError(`Invalid ${where}: ${(e as Error).message}`);
  }
  return result.data;
}
