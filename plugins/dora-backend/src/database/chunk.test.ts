import { chunk } from './chunk';

describe('chunk', () => {
  it('splits in order into parts of at most size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('rejects a size that would never end', () => {
    expect(() => chunk([1], 0)).toThrow('chunk size 0: expected >= 1');
  });
});
