import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
import { fakeSyncContext } from './fakeSyncContext';

const incident = (id: string, resolvedAt: string | null = null) =>
  ({
    kind: 'incident',
    source: 'acme',
    id,
    entityRef: 'component:default/payments',
    openedAt: '2026-11-20T10:00:00.000Z',
    resolvedAt,
  } as DoraIncidentEvent);

describe('fakeSyncContext', () => {
  it('answers like POST /events: every event accepted, replacements counted as updated', async () => {
    const fake = fakeSyncContext<DoraIncidentEvent>();
    expect(
      await fake.context.ingest([incident('a'), incident('b'), incident('a')]),
    ).toEqual({ accepted: 3, updated: 1 });
    expect(
      await fake.context.ingest([incident('b', '2026-11-20T11:00:00.000Z')]),
    ).toEqual({ accepted: 1, updated: 1 });
    expect([...fake.stored.keys()]).toEqual([
      'incident/acme/a',
      'incident/acme/b',
    ]);
    expect(fake.stored.get('incident/acme/b')?.resolvedAt).toBe(
      '2026-11-20T11:00:00.000Z',
    );
    expect(fake.calls.map(c => c.length)).toEqual([3, 1]);
  });

  it('refuses more than 5,000 events and a batch with an event it cannot key, storing nothing', async () => {
    const fake = fakeSyncContext();
    const many = Array.from({ length: 5001 }, (_, i) => incident(`i${i}`));
    await expect(fake.context.ingest(many)).rejects.toThrow(
      'Too many events: 5001, at most 5000 per request',
    );
    await expect(
      fake.context.ingest([
        incident('a'),
        { kind: 'incident', source: 'acme' },
      ]),
    ).rejects.toThrow("Invalid event at index 1: 'id' is required");
    expect(fake.stored.size).toBe(0);
    expect(fake.calls).toEqual([]);
    expect(fake.ingestAttempts).toBe(2);
  });

  it('fails the ingest call it is told to, as a crash would', async () => {
    const fake = fakeSyncContext({ failIngestOnCall: 2 });
    await fake.context.ingest([incident('a')]);
    await expect(fake.context.ingest([incident('b')])).rejects.toThrow(
      'Simulated crash',
    );
    await fake.context.ingest([incident('c')]);
    expect([...fake.stored.keys()]).toEqual([
      'incident/acme/a',
      'incident/acme/c',
    ]);
  });

  it('keeps cursors, unmatched counts and an abortable signal', async () => {
    const fake = fakeSyncContext();
    await fake.context.cursors.set('scope', 'c1');
    fake.context.countUnmatched(2);
    fake.context.countUnmatched(1);
    fake.controller.abort();
    expect(await fake.context.cursors.get('scope')).toBe('c1');
    expect(fake.unmatched).toEqual([2, 1]);
    expect(fake.unmatchedTotal).toBe(3);
    expect(fake.context.signal.aborted).toBe(true);
  });
});
