import { fakeSyncContext } from '@paved-road/plugin-dora-node/testUtils';
import { DemoDoraProvider } from './DemoDoraProvider';
import { generateRange } from './__testUtils__/generateRange';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T14:30:00Z');
const entities = ['component:default/payments-api', 'component:default/ledger'];

function provider(options?: {
  now?: number;
  batchSize?: number;
  days?: number;
}) {
  return new DemoDoraProvider({
    config: { entities, days: options?.days ?? 365 },
    now: () => options?.now ?? NOW,
    batchSize: options?.batchSize,
  });
}

const ids = (events: { kind: string; id: string }[]) =>
  events.map(e => `${e.kind}/${e.id}`).sort();

describe('DemoDoraProvider', () => {
  it('is the provider `demo`, every 10 minutes after a short delay', () => {
    const demo = provider();
    expect(demo.id).toBe('demo');
    expect(demo.schedule).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 5 },
    });
  });

  it('ingests `days` of history in batches of at most the batch size, cursor at yesterday', async () => {
    const fake = fakeSyncContext();
    await provider({ batchSize: 300 }).sync(fake.context);

    const expected = entities.flatMap(ref => generateRange(ref, 365, NOW));
    expect(ids([...fake.stored.values()])).toEqual(ids(expected));
    expect(fake.calls.length).toBeGreaterThan(5);
    expect(Math.max(...fake.calls.map(c => c.length))).toBeLessThanOrEqual(300);
    expect(Object.fromEntries(fake.cursors)).toEqual({
      'component:default/payments-api': '2026-11-19',
      'component:default/ledger': '2026-11-19',
    });
    // Only 365 days back, nothing earlier.
    expect(
      Math.min(
        ...fake.calls
          .flat()
          .map(e => Date.parse(e.id.slice(-13, -3)) || Infinity),
      ),
    ).toBeGreaterThanOrEqual(0);
    const days = new Set(
      fake.calls.flat().map(e => /(\d{4}-\d{2}-\d{2})/.exec(e.id)![1]),
    );
    expect([...days].sort()[0] >= '2025-11-20').toBe(true);
  });

  it('sends only the days after the cursor plus today on the next run', async () => {
    const fake = fakeSyncContext();
    await provider().sync(fake.context);
    const before = fake.calls.length;

    const later = NOW + 2 * DAY; // 2026-11-22 14:30
    await provider({ now: later }).sync(fake.context);

    const sent = fake.calls.slice(before).flat();
    const days = new Set(sent.map(e => /(\d{4}-\d{2}-\d{2})/.exec(e.id)![1]));
    expect([...days].every(d => d >= '2026-11-20')).toBe(true);
    expect(days.has('2026-11-22')).toBe(true);
    expect(fake.cursors.get('component:default/payments-api')).toBe(
      '2026-11-21',
    );
    // Today's partial day is sent again with the same ids: updates, no duplicates.
    await provider({ now: later + 60_000 }).sync(fake.context);
    const expected = entities.flatMap(ref =>
      generateRange(ref, 367, later + 60_000),
    );
    expect(ids([...fake.stored.values()])).toEqual(ids(expected));
  });

  it('resumes after a crash midway without a gap or a duplicate', async () => {
    const clean = fakeSyncContext();
    await provider({ batchSize: 250 }).sync(clean.context);

    const crashing = fakeSyncContext({ failIngestOnCall: 4 });
    await expect(
      provider({ batchSize: 250 }).sync(crashing.context),
    ).rejects.toThrow('Simulated crash');
    const cursor = crashing.cursors.get('component:default/payments-api');
    expect(cursor).toBeDefined();
    expect(cursor! < '2026-11-19').toBe(true);
    expect(crashing.cursors.has('component:default/ledger')).toBe(false);

    await provider({ batchSize: 250 }).sync(crashing.context);

    expect([...crashing.stored.entries()].sort()).toEqual(
      [...clean.stored.entries()].sort(),
    );
    // Nothing stored before the crash was sent again.
    const sent = ids(crashing.calls.flat());
    expect(new Set(sent).size).toBe(sent.length);
    expect(Object.fromEntries(crashing.cursors)).toEqual(
      Object.fromEntries(clean.cursors),
    );
  });

  it('stops when the run is aborted', async () => {
    const fake = fakeSyncContext();
    fake.controller.abort(new Error('Run timed out'));
    await expect(provider().sync(fake.context)).rejects.toThrow(
      'Run timed out',
    );
    expect(fake.calls).toEqual([]);
    expect(fake.cursors.size).toBe(0);
  });
});
