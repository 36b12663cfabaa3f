import { InputError } from '@backstage/errors';
import { ExemptionKey } from '../../database/DatabaseExemptionStore';
import { decodeCursor, encodeCursor } from '../entityRefs';

/** The opaque cursor of `GET /exemptions`: request time and id of the last row. @internal */
export function encodeExemptionCursor(key: ExemptionKey): string {
  return encodeCursor(`${key.requestedAt}:${key.id}`);
}

/** @internal */
export function decodeExemptionCursor(cursor: string): ExemptionKey {
  const after = decodeCursor(cursor);
  const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(after);
  if (!match) {
    throw new InputError(
      `Invalid 'cursor': pass back the 'nextCursor' of the previous page`,
    );
  }
  return { requestedAt: Number(match[1]), id: match[2] };
}
