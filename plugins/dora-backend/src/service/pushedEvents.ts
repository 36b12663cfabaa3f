import { parseEvents } from './parseEvents';

/** A batch as `parseEvents` returns it. @internal */
export type ParsedBatch = ReturnType<typeof parseEvents>;

/** One pushed event's identity and where it sits in the request. @internal */
export interface PushedEvent {
  /** Its position in the request's `events` array. */
  index: number;
  kind: 'deployment' | 'incident' | 'build';
  source: string;
  id: string;
  /** Normalized (lower case, with namespace). */
  entityRef: string;
}

/** `JSON.stringify([kind, source, id])`: an event's identity. @internal */
export const eventKey = (e: Pick<PushedEvent, 'kind' | 'source' | 'id'>) =>
  JSON.stringify([e.kind, e.source, e.id]);

/**
 * The events of a parsed batch in request order. `parseEvents` keeps
 * deployments, incidents and builds in three lists, each in request order, so the
 * raw `kind`s say which list each index came from.
 *
 * @internal
 */
export function pushedEvents(body: unknown, batch: ParsedBatch): PushedEvent[] {
  const raw = (body as { events: Array<{ kind: string }> }).events;
  let d = 0;
  let i = 0;
  let b = 0;
  return raw.map((event, index) => {
    if (event.kind === 'deployment') {
      const { source, id, entityRef } = batch.deployments[d++];
      return { index, kind: 'deployment', source, id, entityRef };
    }
    if (event.kind === 'build') {
      const { source, id, entityRef } = batch.builds[b++];
      return { index, kind: 'build', source, id, entityRef };
    }
    const { source, id, entityRef } = batch.incidents[i++];
    return { index, kind: 'incident', source, id, entityRef };
  });
}
