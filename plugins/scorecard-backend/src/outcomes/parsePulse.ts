import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** A validated pulse answer. @internal */
export interface PulseInput {
  /** The template's full entity ref, lower case. */
  templateRef: string;
  score: number;
  comment?: string;
}

/** The longest comment kept. @internal */
export const MAX_COMMENT_LENGTH = 1000;

/** `template:default/x` (kind defaults to template), lower case, or an InputError naming the field. @internal */
export function parseTemplateRef(value: unknown): string {
  const expected = `Invalid 'templateRef': expected a template entity ref like 'template:default/node-service'`;
  if (typeof value !== 'string' || value === '' || value.length > 255) {
    throw new InputError(expected);
  }
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(expected);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'template') {
    throw new InputError(expected);
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/**
 * Validates the body of `POST /outcomes/pulse`; an `InputError` names the
 * field.
 *
 * @internal
 */
export function parsePulse(body: unknown): PulseInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('Invalid body: expected a JSON object');
  }
  const { templateRef, score, comment } = body as Record<string, unknown>;
  const ref = parseTemplateRef(templateRef);
  if (
    typeof score !== 'number' ||
    !Number.isInteger(score) ||
    score < 0 ||
    score > 10
  ) {
    throw new InputError(
      "Invalid 'score': expected a whole number from 0 to 10",
    );
  }
  if (comment !== undefined && comment !== null) {
    if (typeof comment !== 'string' || comment.length > MAX_COMMENT_LENGTH) {
      throw new InputError(
        `Invalid 'comment': expected text of at most ${MAX_COMMENT_LENGTH} characters`,
      );
    }
  }
  const text = typeof comment === 'string' ? comment.trim() : '';
  return {
    templateRef: ref,
    score,
    ...(text ? { comment: text } : {}),
  };
}
