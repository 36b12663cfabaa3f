import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { CampaignDefinition } from '../campaigns/parseCampaign';
import { CampaignReminder } from './CampaignReminder';
import { NotificationSender } from './NotificationSender';

const campaign = (id: string, deadline: string, closed = false) =>
  ({
    id,
    title: id,
    description: '',
    goal: { check: 'has-docs' },
    filter: {},
    deadline,
    owner: 'group:default/platform',
    source: 'config',
    closedAt: closed ? '2026-12-01T00:00:00.000Z' : null,
  } as CampaignDefinition);

function run(today: string, campaigns: CampaignDefinition[]) {
  const keys: string[] = [];
  const sent: NotificationSendOptions[] = [];
  const asked: string[] = [];
  const reminder = new CampaignReminder({
    daysBefore: 7,
    now: () => new Date(`${today}T09:00:00Z`),
    campaigns: {
      all: async () => campaigns,
      recordDay: async only => {
        asked.push(...(only ?? []).map(c => c.id));
        return (only ?? []).map(() => ({
          done: 0,
          total: 2,
          teams: [],
          notDone: [
            {
              entityRef: 'component:default/a',
              owner: 'group:default/t',
              failingChecks: [],
            },
            {
              entityRef: 'component:default/b',
              owner: null,
              failingChecks: [],
            },
          ],
        }));
      },
    },
    sender: {
      sendOnce: async (
        key: string,
        _kind: string,
        n: NotificationSendOptions,
      ) => {
        keys.push(key);
        sent.push(n);
        return 'sent';
      },
    } as unknown as NotificationSender,
  });
  return { reminder, keys, sent, asked };
}

describe('CampaignReminder', () => {
  it('reminds from daysBefore days ahead until the deadline, keyed by the reminder day', async () => {
    const { reminder, keys, asked } = run('2026-12-10', [
      campaign('exactly-7', '2026-12-17'),
      campaign('missed-day', '2026-12-12'),
      campaign('too-far', '2026-12-18'),
      campaign('due-today', '2026-12-10'),
      campaign('closed', '2026-12-15', true),
    ]);
    expect(await reminder.run()).toBe(4);
    expect(asked).toEqual(['exactly-7', 'missed-day']);
    expect(keys).toEqual([
      'campaign-reminder|exactly-7|group:default/t|2026-12-10',
      'campaign-reminder|exactly-7|component:default/b|2026-12-10',
      'campaign-reminder|missed-day|group:default/t|2026-12-05',
      'campaign-reminder|missed-day|component:default/b|2026-12-05',
    ]);
  });

  it('says how many days are left and which entities are not done', async () => {
    const { reminder, sent } = run('2026-12-16', [
      campaign('docs', '2026-12-17'),
    ]);
    await reminder.run();
    expect(sent[0].payload).toMatchObject({
      title: 'docs: due in 1 day',
      description: '1 entity you own is not done yet (deadline 2026-12-17): a.',
    });
  });

  it('asks for no progress when no campaign is due', async () => {
    const { reminder, asked } = run('2026-12-01', [
      campaign('x', '2027-01-31'),
    ]);
    expect(await reminder.run()).toBe(0);
    expect(asked).toEqual([]);
  });
});
