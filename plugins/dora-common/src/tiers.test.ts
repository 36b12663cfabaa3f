import { doraTiers } from './tiers';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('doraTiers', () => {
  it('rates deployment frequency per week with the 2024 cut points', () => {
    expect(doraTiers.deploymentFrequency('2024', 7)).toBe('elite');
    expect(doraTiers.deploymentFrequency('2024', 6.9)).toBe('high');
    expect(doraTiers.deploymentFrequency('2024', 1)).toBe('high');
    expect(doraTiers.deploymentFrequency('2024', 0.5)).toBe('medium');
    expect(doraTiers.deploymentFrequency('2024', 0.1)).toBe('low');
    expect(doraTiers.deploymentFrequency('2024', 0)).toBe('low');
  });

  it('fills the 2021 gap between weekly and monthly deployments as high', () => {
    expect(doraTiers.deploymentFrequency('2021', 3)).toBe('high');
    expect(doraTiers.deploymentFrequency('2021', 0.1)).toBe('medium');
  });

  it('uses exclusive upper limits for lead time and restore times', () => {
    expect(doraTiers.leadTime('2024', DAY - 1)).toBe('elite');
    expect(doraTiers.leadTime('2024', DAY)).toBe('high');
    expect(doraTiers.leadTime('2021', DAY - 1)).toBe('high');
    expect(doraTiers.leadTime('2023', 40 * DAY)).toBe('low');
    expect(doraTiers.restore('2024', HOUR - 1)).toBe('elite');
    expect(doraTiers.restore('2024', 2 * DAY)).toBe('medium');
    expect(doraTiers.restore('2024', 8 * DAY)).toBe('low');
  });

  it('keeps the 2024 change failure tiers monotonic', () => {
    expect(doraTiers.changeFailure('2024', 0.05)).toBe('elite');
    expect(doraTiers.changeFailure('2024', 0.1)).toBe('high');
    expect(doraTiers.changeFailure('2024', 0.3)).toBe('medium');
    expect(doraTiers.changeFailure('2024', 0.4)).toBe('low');
    expect(doraTiers.changeFailure('2021', 0.25)).toBe('high');
    expect(doraTiers.changeFailure('2023', 0.15)).toBe('medium');
  });

  it('gives null without samples and the worst known tier overall', () => {
    expect(doraTiers.leadTime('2024', null)).toBeNull();
    expect(doraTiers.overall([null, 'elite', 'medium', 'high'])).toBe('medium');
    expect(doraTiers.overall([null, null])).toBeNull();
  });
});
