import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CHECK_OPERATORS } from '@paved-road/plugin-scorecard-common';
import { z } from 'zod';
import { readExemptionsConfig } from './readExemptionsConfig';
import { CheckDefinition, ScorecardConfig } from './types';

const list = z.array(z.string().min(1)).optional();

const checkSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/i, {
    error: 'expected letters, digits, dashes, dots or underscores',
  }),
  title: z.string().min(1),
  description: z.string().optional(),
  category: z.string().min(1).default('General'),
  level: z.string().optional(),
  weight: z.number().positive().default(1),
  fact: z.string().regex(/^[a-z0-9-_]+:.+$/i, {
    error: "expected '<provider>:<fact>', e.g. 'catalog:field:spec.owner'",
  }),
  operator: z.enum(CHECK_OPERATORS, {
    error: `expected one of ${CHECK_OPERATORS.join(', ')}`,
  }),
  value: z.unknown().optional(),
  filter: z
    .object({ kind: list, type: list, lifecycle: list, tag: list, owner: list })
    .strict()
    .optional(),
  remediation: z
    .object({
      text: z.string().optional(),
      url: z.string().url().optional(),
      template: z.string().optional(),
    })
    .strict()
    .optional(),
});

const scorecardSchema = z.object({
  levels: z
    .array(z.object({ id: z.string().min(1), title: z.string().min(1) }))
    .default([]),
  checks: z.array(checkSchema).default([]),
  history: z
    .object({ retentionDays: z.number().int().positive().default(90) })
    .default({ retentionDays: 90 }),
  // Read by readExemptionsConfig, which accepts Backstage's duration forms.
  exemptions: z.unknown().optional(),
});

type RawCheck = z.infer<typeof checkSchema>;

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`,
    'scorecard',
  );
}

function configError(path: PropertyKey[], message: string): Error {
  return new Error(
    `Invalid scorecard configuration: ${formatPath(path)}: ${message}`,
  );
}

/** Checks what the schema cannot: values per operator, references, ids. */
function refineCheck(
  check: RawCheck,
  index: number,
  levelIds: Set<string>,
  seen: Set<string>,
): CheckDefinition {
  const at = (key: string) => ['checks', index, key];
  if (seen.has(check.id)) {
    throw configError(at('id'), `duplicate check id '${check.id}'`);
  }
  seen.add(check.id);
  if (check.level !== undefined && !levelIds.has(check.level)) {
    throw configError(
      at('level'),
      `unknown level '${check.level}', expected one of ${
        [...levelIds].join(', ') || '(no levels configured)'
      }`,
    );
  }
  const { operator, value } = check;
  let pattern: RegExp | undefined;
  if (['gt', 'gte', 'lt', 'lte', 'withinDays'].includes(operator)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw configError(at('value'), `expected a number for '${operator}'`);
    }
  } else if (operator === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      throw configError(at('value'), "expected a non-empty list for 'in'");
    }
  } else if (operator === 'matches') {
    if (typeof value !== 'string') {
      throw configError(
        at('value'),
        "expected a regular expression for 'matches'",
      );
    }
    try {
      pattern = new RegExp(value);
    } catch (e) {
      throw configError(
        at('value'),
        `invalid regular expression: ${(e as Error).message}`,
      );
    }
  } else if (operator === 'exists') {
    if (value !== undefined && typeof value !== 'boolean') {
      throw configError(at('value'), "expected true or false for 'exists'");
    }
  } else if (value === undefined) {
    throw configError(at('value'), `required for '${operator}'`);
  }
  const separator = check.fact.indexOf(':');
  return {
    ...check,
    provider: check.fact.slice(0, separator),
    factName: check.fact.slice(separator + 1),
    pattern,
  };
}

/**
 * Reads and validates `scorecard.*`, failing at start-up with an error that
 * names the key path, e.g. `scorecard.checks[3].operator: expected one of ...`.
 *
 * @internal
 */
export function readScorecardConfig(
  config: Config,
  options: { providerIds?: string[] } = {},
): ScorecardConfig {
  const parsed = scorecardSchema.safeParse(
    config.getOptional('scorecard') ?? {},
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw configError(issue.path, issue.message);
  }
  const { levels, checks: rawChecks, history } = parsed.data;
  const levelIds = new Set<string>();
  levels.forEach((level, i) => {
    if (levelIds.has(level.id)) {
      throw configError(
        ['levels', i, 'id'],
        `duplicate level id '${level.id}'`,
      );
    }
    levelIds.add(level.id);
  });
  const seen = new Set<string>();
  const checks = rawChecks.map((c, i) => refineCheck(c, i, levelIds, seen));
  if (options.providerIds) {
    const known = options.providerIds;
    checks.forEach((check, i) => {
      if (!known.includes(check.provider)) {
        throw configError(
          ['checks', i, 'fact'],
          `no fact provider '${
            check.provider
          }' is installed, expected one of ${known.join(', ')}`,
        );
      }
    });
  }
  const scheduleConfig = config.getOptionalConfig('scorecard.schedule');
  return {
    levels,
    checks,
    retentionDays: history.retentionDays,
    exemptions: readExemptionsConfig(config),
    schedule: scheduleConfig
      ? readSchedule(scheduleConfig)
      : {
          frequency: { minutes: 30 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 30 },
        },
  };
}

function readSchedule(config: Config) {
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(config);
  } catch (e) {
    throw new Error(
      `Invalid scorecard configuration: scorecard.schedule: ${
        (e as Error).message
      }`,
    );
  }
}
