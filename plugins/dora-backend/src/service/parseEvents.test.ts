import { parseEvents } from './parseEvents';

const base = {
  kind: 'deployment',
  source: 'jenkins',
  id: 'build-1',
  entityRef: 'Component:payments',
  environment: 'production',
  status: 'success',
  startedAt: '2026-11-20T08:50:00Z',
  finishedAt: '2026-11-20T10:00:00.123+01:00',
  commitSha: 'abc',
  changes: [
    { sha: 'abc', committedAt: '2026-11-19T16:00:00Z' },
    { sha: 'abc', committedAt: '2026-11-19T17:00:00Z' },
  ],
  rework: false,
  extra: 'ignored',
};

const variants: Array<Record<string, unknown>> = [
  base,
  { ...base, startedAt: undefined, changes: undefined, rework: undefined },
  { ...base, commitSha: undefined, changes: [] },
  { ...base, source: ' padded ' },
  { ...base, id: '' },
  { ...base, id: 'x'.repeat(256) },
  { ...base, entityRef: 'not a ref' },
  { ...base, environment: 7 },
  { ...base, status: 'ok' },
  { ...base, finishedAt: '2026-13-01' },
  { ...base, finishedAt: '1969-12-31T23:59:59Z' },
  { ...base, startedAt: '2026-11-21T00:00:00Z' },
  { ...base, changes: [{ sha: 'a' }] },
  { ...base, changes: 'abc' },
  { ...base, changes: [null] },
  { ...base, rework: 'yes' },
];

function outcome(event: unknown, fastPath: boolean) {
  try {
    return { ok: parseEvents({ events: [event] }, { fastPath }) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe('parseEvents fast path', () => {
  it.each(variants.map((v, i) => [i, v]))(
    'gives the schema’s result for variant %i',
    (_i, event) => {
      expect(outcome(event, true)).toEqual(outcome(event, false));
    },
  );

  it('accepts the well-formed base event on both paths', () => {
    expect(outcome(base, true)).toHaveProperty('ok');
  });

  it('keeps the last of duplicate changes and normalises the entity ref', () => {
    const [d] = parseEvents({ events: [base] }).deployments;
    expect(d.entityRef).toBe('component:default/payments');
    expect(d.changes).toEqual([
      { sha: 'abc', committedAt: Date.parse('2026-11-19T17:00:00Z') },
    ]);
    expect(d.finishedAt).toBe(Date.parse('2026-11-20T09:00:00.123Z'));
  });
});
