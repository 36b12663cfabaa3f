import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CampaignInput } from '@paved-road/plugin-scorecard-common';
import { z } from 'zod';
import { normalizeOwner } from '../service/entityRefs';

/** Bounds of what a caller may send; config campaigns keep them too. */
export const CAMPAIGN_LIMITS = {
  title: 200,
  description: 4000,
  filterValues: 50,
} as const;

const values = z
  .array(z.string().min(1).max(255))
  .max(CAMPAIGN_LIMITS.filterValues)
  .optional();

const campaignSchema = z.object({
  title: z.string().trim().min(1).max(CAMPAIGN_LIMITS.title),
  description: z.string().max(CAMPAIGN_LIMITS.description).default(''),
  goal: z.union(
    [
      z.object({ check: z.string().min(1) }).strict(),
      z.object({ level: z.string().min(1) }).strict(),
    ],
    { error: "expected { check: '<check id>' } or { level: '<level id>' }" },
  ),
  filter: z
    .object({
      kind: values,
      type: values,
      lifecycle: values,
      tag: values,
      owner: values,
      annotation: z.string().min(1).max(255).optional(),
    })
    .strict(),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: 'expected an ISO date, e.g. 2027-03-31',
  }),
  owner: z.string().min(1).max(255),
});

const configCampaignSchema = campaignSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_.]{0,63}$/i, {
    error: 'expected up to 64 letters, digits, dashes, dots or underscores',
  }),
});

/** A validated campaign definition, owner normalized. @internal */
export interface CampaignDefinition extends CampaignInput {
  id: string;
  description: string;
  source: 'config' | 'api';
  closedAt: string | null;
}

/** The check and level ids a goal may name. @internal */
export interface GoalTargets {
  checkIds: string[];
  levelIds: string[];
}

function formatPath(prefix: string, path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`,
    prefix,
  );
}

/**
 * Checks what the schema cannot; returns `[path, message]` of the first
 * problem.
 */
function refine(
  input: z.infer<typeof campaignSchema>,
  targets: GoalTargets,
): [PropertyKey[], string] | CampaignInput {
  const deadline = new Date(`${input.deadline}T00:00:00Z`);
  if (
    Number.isNaN(deadline.getTime()) ||
    deadline.toISOString().slice(0, 10) !== input.deadline
  ) {
    return [['deadline'], `not a calendar date: '${input.deadline}'`];
  }
  if ('check' in input.goal && !targets.checkIds.includes(input.goal.check)) {
    return [
      ['goal', 'check'],
      `unknown check '${input.goal.check}', expected one of ${
        targets.checkIds.join(', ') || '(no checks configured)'
      }`,
    ];
  }
  if ('level' in input.goal && !targets.levelIds.includes(input.goal.level)) {
    return [
      ['goal', 'level'],
      `unknown level '${input.goal.level}', expected one of ${
        targets.levelIds.join(', ') || '(no levels configured)'
      }`,
    ];
  }
  let owner: string;
  try {
    owner = normalizeOwner(input.owner);
  } catch {
    return [
      ['owner'],
      `expected a group ref like 'group:default/platform', got '${input.owner}'`,
    ];
  }
  for (const [i, o] of (input.filter.owner ?? []).entries()) {
    try {
      normalizeOwner(o);
    } catch {
      return [['filter', 'owner', i], `expected an entity ref, got '${o}'`];
    }
  }
  return { ...input, owner };
}

/**
 * Reads `scorecard.campaigns`, failing at start-up with an error naming the
 * key, e.g. `scorecard.campaigns[0].goal.check: unknown check 'x'`.
 *
 * @internal
 */
export function readCampaignsConfig(
  config: Config,
  targets: GoalTargets,
): CampaignDefinition[] {
  const raw = config.getOptional('scorecard.campaigns') ?? [];
  const fail = (path: PropertyKey[], message: string) =>
    new Error(
      `Invalid scorecard configuration: ${formatPath(
        'scorecard.campaigns',
        path,
      )}: ${message}`,
    );
  if (!Array.isArray(raw)) throw fail([], 'expected a list of campaigns');
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const parsed = configCampaignSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fail([i, ...issue.path], issue.message);
    }
    const refined = refine(parsed.data, targets);
    if (Array.isArray(refined)) throw fail([i, ...refined[0]], refined[1]);
    if (seen.has(parsed.data.id)) {
      throw fail([i, 'id'], `duplicate campaign id '${parsed.data.id}'`);
    }
    seen.add(parsed.data.id);
    return {
      ...refined,
      id: parsed.data.id,
      description: refined.description ?? '',
      source: 'config' as const,
      closedAt: null,
    };
  });
}

/**
 * Validates the body of `POST /campaigns`; an `InputError` names the field.
 *
 * @internal
 */
export function parseCampaignInput(
  body: unknown,
  targets: GoalTargets,
): CampaignInput & { description: string } {
  const parsed = campaignSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid '${formatPath('', issue.path).replace(/^\./, '') || 'body'}': ${
        issue.message
      }`,
    );
  }
  const refined = refine(parsed.data, targets);
  if (Array.isArray(refined)) {
    throw new InputError(
      `Invalid '${formatPath('', refined[0]).replace(/^\./, '')}': ${
        refined[1]
      }`,
    );
  }
  return { ...refined, description: refined.description ?? '' };
}

/**
 * `scorecard.campaignSchedule`: when the daily progress is stored. Default
 * every 6 hours (each run replaces the day's rows), 2 minutes after start-up.
 *
 * @internal
 */
export function readCampaignSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const scheduleConfig = config.getOptionalConfig('scorecard.campaignSchedule');
  if (!scheduleConfig) {
    return {
      frequency: { hours: 6 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 2 },
    };
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
  } catch (e) {
    throw new Error(
      `Invalid scorecard configuration: scorecard.campaignSchedule: ${
        (e as Error).message
      }`,
    );
  }
}
