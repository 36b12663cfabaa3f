import { npsOf, quarterOf } from './nps';
import { median } from './ScaffolderTaskReader';

describe('npsOf', () => {
  it('counts 9-10 as promoters, 7-8 as passives and 0-6 as detractors', () => {
    const counts = [0, 6, 7, 8, 9, 10].map(score => ({ score, count: 1 }));
    // 2 promoters, 2 detractors of 6: 0.
    expect(npsOf(counts)).toEqual({
      answers: 6,
      promoters: 2,
      passives: 2,
      detractors: 2,
      nps: 0,
    });
    expect(npsOf([{ score: 8, count: 3 }]).nps).toBe(0);
    expect(
      npsOf([
        { score: 9, count: 2 },
        { score: 0, count: 1 },
      ]).nps,
    ).toBe(33.3);
  });

  it('has no NPS without answers', () => {
    expect(npsOf([]).nps).toBeNull();
  });
});

describe('quarterOf', () => {
  it('uses UTC months', () => {
    expect(quarterOf(new Date('2026-03-31T23:59:59Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-12-31T12:00:00Z'))).toBe('2026-Q4');
  });
});

describe('median', () => {
  it('takes the middle value, or the rounded mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([1, 2, 3, 5])).toBe(3);
  });
});
