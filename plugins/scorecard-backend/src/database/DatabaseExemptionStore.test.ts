import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DatabaseExemptionStore, exemptionKey } from './DatabaseExemptionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const T0 = new Date('2026-12-01T08:00:00.123Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  return DatabaseExemptionStore.create({
    database: mockServices.database({ knex }),
  });
}

const request = (name: string, checkId = 'has-docs', hours = 0) => ({
  entityRef: `component:default/${name}`,
  checkId,
  justification: 'Docs live elsewhere for now',
  requestedBy: 'user:default/owner',
  requestedAt: at(hours),
  expiresAt: at(hours + 24),
});

describe.each(databases.eachSupportedId())(
  'DatabaseExemptionStore on %p',
  id => {
    it('stores one live exemption per entity and check, also under concurrent requests', async () => {
      const store = await createStore(id);
      const results = await Promise.allSettled([
        store.insert(request('a')),
        store.insert(request('a')),
        store.insert(request('a')),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter(x => x.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
      }
      const [stored] = await store.list(
        { entityRef: 'component:default/a' },
        { limit: 10 },
      );
      expect(stored).toMatchObject({
        status: 'pending',
        requestedAt: T0.toISOString(),
        expiresAt: at(24).toISOString(),
        decidedBy: null,
        decidedAt: null,
      });
      // Denied ones do not count: a new request may follow.
      await store.decide({
        id: stored.id,
        status: 'denied',
        decidedBy: 'user:default/approver',
        decidedAt: at(1),
        comment: 'No',
      });
      await expect(store.insert(request('a'))).resolves.toMatchObject({
        status: 'pending',
      });
    });

    it('decides a pending, unexpired exemption once', async () => {
      const store = await createStore(id);
      const pending = await store.insert(request('a'));
      const decide = (status: 'approved' | 'denied') =>
        store.decide({
          id: pending.id,
          status,
          decidedBy: 'user:default/approver',
          decidedAt: at(1),
          comment: null,
        });
      const [first, second] = await Promise.all([
        decide('approved'),
        decide('denied'),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      const late = await store.insert(request('b'));
      expect(
        await store.decide({
          id: late.id,
          status: 'approved',
          decidedBy: 'user:default/approver',
          decidedAt: at(24),
          comment: null,
        }),
      ).toBeUndefined();
    });

    it('serves approved exemptions in force, and expires due ones exactly once', async () => {
      const store = await createStore(id);
      const approved = await store.insert({
        ...request('a'),
        approved: { by: 'auto-approve', comment: 'auto' },
      });
      await store.insert(request('b'));
      const refs = ['component:default/a', 'component:default/b'];
      const inForce = await store.approvedFor(refs, at(23));
      expect([...inForce.keys()]).toEqual(['component:default/a']);
      expect(inForce.get('component:default/a')!.get('has-docs')).toEqual({
        id: approved.id,
        justification: 'Docs live elsewhere for now',
        expiresAt: at(24).toISOString(),
        approvedBy: 'auto-approve',
      });
      expect((await store.approvedFor(refs, at(24))).size).toBe(0);

      expect(await store.expireDue(at(23))).toEqual([]);
      const [one, two] = await Promise.all([
        store.expireDue(at(24)),
        store.expireDue(at(24)),
      ]);
      const expired = [...one, ...two];
      expect(expired.map(e => [e.exemption.entityRef, e.was]).sort()).toEqual([
        ['component:default/a', 'approved'],
        ['component:default/b', 'pending'],
      ]);
      expect(await store.get(approved.id)).toMatchObject({
        status: 'expired',
        decidedAt: at(24).toISOString(),
        decidedBy: 'auto-approve',
      });
    });

    it('lists by request time, then id, after a key', async () => {
      const store = await createStore(id);
      await store.insert(request('c', 'x', 2));
      await store.insert(request('a', 'x', 1));
      await store.insert(request('b', 'x', 1));
      await store.insert(request('d', 'y', 1));
      const all = await store.list({}, { limit: 10 });
      expect(all.map(e => e.requestedAt)).toEqual([
        at(1).toISOString(),
        at(1).toISOString(),
        at(1).toISOString(),
        at(2).toISOString(),
      ]);
      const ids = all.map(e => e.id);
      expect(ids.slice(0, 3)).toEqual([...ids.slice(0, 3)].sort());
      const rest = await store.list(
        {},
        { after: exemptionKey(all[1]), limit: 10 },
      );
      expect(rest.map(e => e.id)).toEqual(ids.slice(2));
      const pendingD = await store.list(
        { statuses: ['pending'], entityRef: 'component:default/d' },
        { limit: 10 },
      );
      expect(pendingD.map(e => e.checkId)).toEqual(['y']);
    });
  },
);
