import { InputError } from '@backstage/errors';

/** Opaque paging cursor of `/deployments`. @internal */
export function encodeCursor(after: {
  finishedAt: number;
  id: number;
}): string {
  return Buffer.from(JSON.stringify([after.finishedAt, after.id])).toString(
    'base64url',
  );
}

/** @internal */
export function decodeCursor(cursor: string): {
  finishedAt: number;
  id: number;
} {
  try {
    const [finishedAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (Number.isFinite(finishedAt) && Number.isInteger(id)) {
      return { finishedAt, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError("Invalid 'cursor': expected a value from 'nextCursor'");
}
