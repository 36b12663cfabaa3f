import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { EntityScorecard } from '@paved-road/plugin-scorecard-common';
import { component } from '../__testUtils__/fixtures';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';
import { EvaluatedEntity } from '../engine/ScorecardEngine';
import { toResultInput } from '../service/toResultInput';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { LevelDropNotifier } from './LevelDropNotifier';
import { NotificationSender } from './NotificationSender';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const levels = [
  { id: 'bronze', title: 'Bronze' },
  { id: 'silver', title: 'Silver' },
];

const entity = {
  ...component('payments-api', { title: 'Payments API' }),
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

function evaluated(level: 'bronze' | 'silver', at: string): EvaluatedEntity {
  const scorecard: EntityScorecard = {
    entityRef: 'component:default/payments-api',
    evaluatedAt: at,
    score: level === 'silver' ? 100 : 50,
    level: levels.find(l => l.id === level)!,
    nextLevel: null,
    checks: [
      {
        id: 'has-docs',
        title: 'Has TechDocs',
        category: 'Docs',
        level: 'silver',
        status: level === 'silver' ? 'pass' : 'fail',
        value: null,
        message: '',
        remediation: null,
      },
    ],
  };
  return { entity, scorecard };
}

async function setUp(
  id: TestDatabaseId,
  send: (o: NotificationSendOptions) => Promise<void>,
) {
  const database = mockServices.database({ knex: await databases.init(id) });
  const scorecards = await DatabaseScorecardStore.create({ database });
  const store = await DatabaseNotificationStore.create({ database });
  const logger = mockServices.logger.mock();
  const notifier = () =>
    new LevelDropNotifier({
      store,
      levels,
      logger,
      sender: new NotificationSender({
        store,
        logger,
        notifications: { send },
      }),
    });
  const save = (e: EvaluatedEntity[]) =>
    scorecards.saveResults(e.map(toResultInput));
  return { notifier, save, scorecards, logger };
}

describe.each(databases.eachSupportedId())('LevelDropNotifier on %p', id => {
  it('sends one notification when two instances store the same drop at once', async () => {
    const sent: NotificationSendOptions[] = [];
    const { notifier, save } = await setUp(id, async o => {
      sent.push(o);
    });
    await save([evaluated('silver', '2026-12-04T08:00:00.000Z')]);

    // Both instances read the stored level before either stores the drop.
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>(r => (release = r));
    const slowSave = async (e: EvaluatedEntity[]) => {
      if (++arrived === 2) release();
      await bothRead;
      await save(e);
    };
    await Promise.all([
      notifier().wrap(slowSave)([
        evaluated('bronze', '2026-12-04T08:30:00.000Z'),
      ]),
      notifier().wrap(slowSave)([
        evaluated('bronze', '2026-12-04T08:30:01.000Z'),
      ]),
    ]);

    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['group:default/payments'] },
        payload: expect.objectContaining({
          title: 'Payments API dropped from Silver to Bronze',
          description: expect.stringContaining('failing: Has TechDocs'),
          link: '/catalog/default/component/payments-api',
          topic: 'Scorecard levels',
          scope: 'paved-road:scorecard:level:component:default/payments-api',
        }),
      },
    ]);
  });

  it('stores the result and warns when the notifications service fails', async () => {
    const { notifier, save, scorecards, logger } = await setUp(id, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await save([evaluated('silver', '2026-12-04T08:00:00.000Z')]);
    await notifier().wrap(save)([
      evaluated('bronze', '2026-12-04T08:30:00.000Z'),
    ]);
    expect(
      (await scorecards.getResult('component:default/payments-api'))?.level,
    ).toEqual({ id: 'bronze', title: 'Bronze' });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('connect ECONNREFUSED'),
    );
  });
});
