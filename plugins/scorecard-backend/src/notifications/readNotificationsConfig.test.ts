import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './readNotificationsConfig';

const read = (notifications?: unknown) =>
  readNotificationsConfig(
    new ConfigReader(
      notifications === undefined
        ? {}
        : ({ scorecard: { notifications } } as any),
    ),
  );

describe('readNotificationsConfig', () => {
  it('turns every kind on by default, reminding 7 days ahead', () => {
    expect(read()).toEqual({
      levelDrop: true,
      goldenPathRelease: true,
      campaignReminder: { enabled: true, daysBefore: 7 },
      schedule: {
        frequency: { hours: 24 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 2 },
      },
    });
  });

  it('reads the schedule of the daily task', () => {
    expect(
      read({ schedule: { frequency: { minutes: 5 }, timeout: '1m' } }).schedule,
    ).toEqual({ frequency: { minutes: 5 }, timeout: { minutes: 1 } });
  });

  it('reads switches and the reminder day', () => {
    expect(
      read({
        levelDrop: false,
        campaignReminder: { daysBefore: 3 },
      }),
    ).toEqual({
      levelDrop: false,
      goldenPathRelease: true,
      campaignReminder: { enabled: true, daysBefore: 3 },
      schedule: expect.objectContaining({ frequency: { hours: 24 } }),
    });
  });

  it.each([
    [
      { levelDrop: 'yes' },
      'scorecard.notifications.levelDrop: expected true or false',
    ],
    [
      { campaignReminder: { daysBefore: 0 } },
      'scorecard.notifications.campaignReminder.daysBefore: expected at least 1 day',
    ],
    [
      { campaignReminder: { daysBefore: 1.5 } },
      'scorecard.notifications.campaignReminder.daysBefore: expected a whole number of days',
    ],
    [{ levelDrops: true }, 'scorecard.notifications.levelDrops: unknown key'],
    [
      { schedule: { frequency: 'often' } },
      'scorecard.notifications.schedule: ',
    ],
  ])('rejects %j naming the key', (notifications, message) => {
    expect(() => read(notifications)).toThrow(
      `Invalid scorecard configuration: ${message}`,
    );
  });
});
