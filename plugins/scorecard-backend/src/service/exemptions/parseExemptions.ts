import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  SCORECARD_EXEMPTION_STATUSES,
  ScorecardExemptionDecision,
  ScorecardExemptionRequest,
  ScorecardExemptionStatus,
} from '@paved-road/plugin-scorecard-common';
import { z } from 'zod';
import { MAX_LIMIT, MAX_VALUE_LENGTH } from '../parseQuery';
import { ExemptionQuery } from './ExemptionService';

/** Bounds of a justification, in characters after trimming. @internal */
export const JUSTIFICATION_LENGTH = { min: 10, max: 2000 };
/** The longest decision comment. @internal */
export const MAX_COMMENT_LENGTH = 2000;

const justificationError = `Invalid 'justification': expected ${JUSTIFICATION_LENGTH.min} to ${JUSTIFICATION_LENGTH.max} characters`;
const isoError = "Invalid 'expiresAt': expected an ISO 8601 time";
const limitError = `Invalid 'limit': expected a whole number from 1 to ${MAX_LIMIT}`;
const statusError = `Invalid 'status': expected one or more of ${SCORECARD_EXEMPTION_STATUSES.join(
  ', ',
)}`;

const requestSchema = z.object(
  {
    checkId: z
      .string({ error: "Invalid 'checkId': expected a check id" })
      .min(1, { error: "Invalid 'checkId': expected a check id" })
      .max(255, { error: "Invalid 'checkId': expected a check id" }),
    justification: z
      .string({ error: justificationError })
      .trim()
      .min(JUSTIFICATION_LENGTH.min, { error: justificationError })
      .max(JUSTIFICATION_LENGTH.max, { error: justificationError }),
    expiresAt: z
      .string({ error: isoError })
      .max(64, { error: isoError })
      .refine(
        v => /^\d{4}-\d{2}-\d{2}(T|$)/.test(v) && !Number.isNaN(Date.parse(v)),
        { error: isoError },
      ),
  },
  { error: 'Invalid body: expected a JSON object' },
);

const decisionSchema = z.object(
  {
    decision: z.enum(['approve', 'deny'], {
      error: "Invalid 'decision': expected 'approve' or 'deny'",
    }),
    comment: z
      .string({ error: "Invalid 'comment': expected text" })
      .trim()
      .max(MAX_COMMENT_LENGTH, {
        error: `Invalid 'comment': expected at most ${MAX_COMMENT_LENGTH} characters`,
      })
      .optional()
      .transform(v => (v ? v : undefined)),
  },
  { error: 'Invalid body: expected a JSON object' },
);

const listSchema = z.object({
  status: z
    .preprocess(
      v => (v === undefined ? undefined : [v].flat()),
      z
        .array(
          z.enum(SCORECARD_EXEMPTION_STATUSES as [string, ...string[]], {
            error: statusError,
          }),
          { error: statusError },
        )
        .max(SCORECARD_EXEMPTION_STATUSES.length, { error: statusError })
        .optional(),
    )
    .optional(),
  entityRef: z
    .string({ error: "Invalid 'entityRef': expected a single entity ref" })
    .min(1)
    .max(MAX_VALUE_LENGTH, {
      error: `Invalid 'entityRef': expected at most ${MAX_VALUE_LENGTH} characters`,
    })
    .optional(),
  cursor: z
    .string({ error: "Invalid 'cursor': expected a single value" })
    .max(MAX_VALUE_LENGTH, { error: "Invalid 'cursor'" })
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, { error: limitError })
    .transform(Number)
    .refine(n => n >= 1 && n <= MAX_LIMIT, { error: limitError })
    .optional(),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      issue.message.startsWith('Invalid ')
        ? issue.message
        : `Invalid '${issue.path.join('.')}': ${issue.message}`,
    );
  }
  return result.data;
}

/** Body of `POST .../exemptions`. @internal */
export function parseExemptionRequest(
  body: unknown,
): ScorecardExemptionRequest {
  return parse(requestSchema, body);
}

/** Body of `POST /exemptions/:id/decision`. @internal */
export function parseExemptionDecision(
  body: unknown,
): ScorecardExemptionDecision {
  return parse(decisionSchema, body);
}

/** Query of `GET /exemptions`. @internal */
export function parseExemptionQuery(query: unknown): ExemptionQuery {
  const { status, entityRef, ...rest } = parse(listSchema, query);
  return {
    statuses: status as ScorecardExemptionStatus[] | undefined,
    entityRef: entityRef === undefined ? undefined : normalizeRef(entityRef),
    ...rest,
  };
}

function normalizeRef(entityRef: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(entityRef));
  } catch {
    throw new InputError(
      `Invalid 'entityRef': expected an entity ref like 'component:default/payments-api', got '${entityRef}'`,
    );
  }
}
