import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readRetentionConfig, scheduleRetention } from './retention';

const DAY = 86400000;
const read = (retention: any) =>
  readRetentionConfig(new ConfigReader({ dora: { retention } }));

describe('readRetentionConfig', () => {
  it('keeps everything when dora.retention is absent', () => {
    expect(readRetentionConfig(new ConfigReader({ dora: {} }))).toBeUndefined();
  });

  it('reads maxAge as an object, a short string or ISO 8601', () => {
    expect(read({ maxAge: { days: 730 } })?.maxAgeMs).toBe(730 * DAY);
    expect(read({ maxAge: '2y' })?.maxAgeMs).toBe(730 * DAY);
    expect(read({ maxAge: 'P1Y' })?.maxAgeMs).toBe(365 * DAY);
    expect(read({ maxAge: { years: 1 } })?.schedule).toMatchObject({
      frequency: { hours: 24 },
    });
    expect(
      read({ maxAge: { years: 1 }, schedule: { frequency: { hours: 6 } } })
        ?.schedule,
    ).toMatchObject({ frequency: { hours: 6 }, timeout: { hours: 1 } });
  });

  it('fails at start-up naming the key', () => {
    expect(() => read({ maxAge: 'soon' })).toThrow(
      "Invalid configuration: 'dora.retention.maxAge': expected a duration of at least one day",
    );
    expect(() => read({ maxAge: { hours: 2 } })).toThrow(
      "'dora.retention.maxAge'",
    );
    expect(() => read({})).toThrow("'dora.retention.maxAge'");
    expect(() =>
      read({ maxAge: { days: 30 }, schedule: { frequency: 'often' } }),
    ).toThrow("'dora.retention.schedule'");
  });
});

describe('scheduleRetention', () => {
  it('runs globally and deletes events older than maxAge', async () => {
    const scheduler = mockServices.scheduler.mock();
    const deleter = { deleteOlderThan: jest.fn(async () => 3) };
    await scheduleRetention({
      retention: read({ maxAge: { days: 30 } }),
      scheduler,
      deleter,
      logger: mockServices.logger.mock(),
      now: () => 100 * DAY,
    });
    const [task] = scheduler.scheduleTask.mock.calls[0];
    expect(task).toMatchObject({ id: 'dora-retention', scope: 'global' });
    const signal = new AbortController().signal;
    await task.fn(signal);
    expect(deleter.deleteOlderThan).toHaveBeenCalledWith(70 * DAY, signal);
  });

  it('schedules nothing without dora.retention', async () => {
    const scheduler = mockServices.scheduler.mock();
    await scheduleRetention({
      retention: undefined,
      scheduler,
      deleter: { deleteOlderThan: jest.fn() },
      logger: mockServices.logger.mock(),
    });
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
  });
});
