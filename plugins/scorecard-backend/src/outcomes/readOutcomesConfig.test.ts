import { ConfigReader } from '@backstage/config';
import { readOutcomesConfig } from './readOutcomesConfig';

describe('readOutcomesConfig', () => {
  it('has defaults', () => {
    expect(readOutcomesConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 3 },
      },
      maxServices: 20_000,
      maxScaffolderTasks: 2_000,
      historyDays: 90,
    });
  });

  it('refuses bounds out of range naming the key', () => {
    const read = (outcomes: object) => () =>
      readOutcomesConfig(new ConfigReader({ scorecard: { outcomes } }));
    expect(read({ maxScaffolderTasks: 0 })).toThrow(
      'scorecard.outcomes.maxScaffolderTasks: expected a whole number from 1 to 20000',
    );
    expect(read({ historyDays: 1000 })).toThrow(
      'scorecard.outcomes.historyDays',
    );
    expect(read({ schedule: { frequency: 'often' } })).toThrow(
      'scorecard.outcomes.schedule',
    );
  });
});
