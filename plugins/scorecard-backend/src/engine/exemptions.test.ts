import { CheckResult } from '@paved-road/plugin-scorecard-common';
import { applyExemptions } from './exemptions';
import { summarize } from './scoring';

const result = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  title: id,
  category: 'General',
  level: null,
  status,
  value: null,
  message: `${id} ${status}`,
  remediation: null,
});

const exemption = {
  id: 'e1',
  justification: 'Because',
  expiresAt: '2026-12-31T00:00:00.000Z',
  approvedBy: 'user:default/approver',
};

describe('applyExemptions', () => {
  it('turns fail and error into exempt, leaves pass and skipped alone', () => {
    const results = ['fail', 'error', 'pass', 'skipped'].map(s =>
      result(s, s as CheckResult['status']),
    );
    const all = new Map(results.map(r => [r.id, exemption]));
    expect(applyExemptions(results, all)).toEqual([
      { ...results[0], status: 'exempt', exemption },
      { ...results[1], status: 'exempt', exemption },
      results[2],
      results[3],
    ]);
    expect(applyExemptions(results, undefined)).toBe(results);
  });

  it('counts exempt as passing for score and level', () => {
    const levels = [
      { id: 'bronze', title: 'Bronze' },
      { id: 'silver', title: 'Silver' },
    ];
    const results = [result('a', 'pass'), result('b', 'fail')];
    const before = summarize(results, [1, 3], [0, 1], levels);
    const after = summarize(
      applyExemptions(results, new Map([['b', exemption]])),
      [1, 3],
      [0, 1],
      levels,
    );
    expect(before).toMatchObject({ score: 25, level: { id: 'bronze' } });
    expect(after).toMatchObject({ score: 100, level: { id: 'silver' } });
  });
});
