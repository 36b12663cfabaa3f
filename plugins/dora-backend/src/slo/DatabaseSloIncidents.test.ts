import {
  DAY,
  HOUR,
  T0,
  createDatabases,
  createService,
  incident,
} from '../__testUtils__/fixtures';
import { DatabaseSloIncidents } from './DatabaseSloIncidents';

const databases = createDatabases();

describe('DatabaseSloIncidents', () => {
  it.each(databases.eachSupportedId())(
    'lists the incidents overlapping a window, on %p',
    async id => {
      const { service, knex } = await createService(databases, id);
      await service.ingest({
        events: [
          incident('before', 0, HOUR), // resolved before the window
          incident('edge', 0, DAY), // resolved exactly at the window start
          incident('overlap', DAY - HOUR, DAY + HOUR, { severity: 'sev1' }),
          incident('open', 2 * DAY, null),
          incident('after', 3 * DAY, 3 * DAY + HOUR), // opened at the window end
          incident('other', DAY + HOUR, DAY + 2 * HOUR, {
            entityRef: 'component:default/b',
          }),
        ],
      });
      const incidents = await DatabaseSloIncidents.create({
        database: { getClient: async () => knex },
      });

      const listed = await incidents.list({
        entityRef: 'Component:default/A',
        from: new Date(T0 + DAY),
        to: new Date(T0 + 3 * DAY),
      });

      expect(listed).toEqual([
        {
          openedAt: T0 + DAY - HOUR,
          resolvedAt: T0 + DAY + HOUR,
          severity: 'sev1',
        },
        { openedAt: T0 + 2 * DAY, resolvedAt: null, severity: null },
      ]);
    },
  );
});
