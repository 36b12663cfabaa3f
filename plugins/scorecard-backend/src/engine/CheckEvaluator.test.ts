import { ConfigReader } from '@backstage/config';
import { readScorecardConfig } from '../config/readScorecardConfig';
import { CheckEvaluator } from './CheckEvaluator';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T12:00:00Z');

function evaluator(check: Record<string, unknown>) {
  const config = readScorecardConfig(
    new ConfigReader({
      scorecard: { checks: [{ id: 'c', title: 'C', fact: 'p:f', ...check }] },
    }),
  );
  return new CheckEvaluator(config.checks[0]);
}

describe('CheckEvaluator', () => {
  it('shares the result of a repeated primitive value and keeps arrays apart', () => {
    const e = evaluator({ operator: 'in', value: ['production'] });
    const a = e.evaluate({ f: 'production' }, NOW);
    expect(e.evaluate({ f: 'production' }, NOW)).toBe(a);
    expect(e.evaluate({ f: 'experimental' }, NOW)).toMatchObject({
      status: 'fail',
      value: 'experimental',
    });
    const list = e.evaluate({ f: ['production'] }, NOW);
    expect(list).toMatchObject({ status: 'pass', value: ['production'] });
    expect(e.evaluate({ f: ['production'] }, NOW)).not.toBe(list);
  });

  it('never reuses withinDays results, which depend on the time', () => {
    const e = evaluator({ operator: 'withinDays', value: 30 });
    const date = new Date(NOW - 20 * DAY).toISOString();
    expect(e.evaluate({ f: date }, NOW).status).toBe('pass');
    expect(e.evaluate({ f: date }, NOW + 20 * DAY).status).toBe('fail');
  });

  it('reports provider errors and absent facts', () => {
    const e = evaluator({ operator: 'exists' });
    expect(e.evaluate(new Error('timeout'), NOW)).toMatchObject({
      status: 'error',
      message: "Fact provider 'p' failed: timeout",
    });
    expect(e.evaluate(undefined, NOW)).toMatchObject({
      status: 'fail',
      value: null,
    });
    expect(e.skipped()).toMatchObject({ status: 'skipped', remediation: null });
  });
});
