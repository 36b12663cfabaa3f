import { retryOnConflict } from './retryOnConflict';

const pgError = (code: string) =>
  Object.assign(new Error(`pg error ${code}`), { code });

describe('retryOnConflict', () => {
  it.each(['40001', '40P01'])(
    'retries %s and returns the result',
    async code => {
      const fn = jest
        .fn()
        .mockRejectedValueOnce(pgError(code))
        .mockResolvedValueOnce('done');

      const onRetry = jest.fn();

      await expect(
        retryOnConflict(fn, { baseDelayMs: 1, onRetry }),
      ).resolves.toBe('done');
      expect(fn).toHaveBeenCalledTimes(2);
      expect(onRetry).toHaveBeenCalledWith({ code, attempt: 1, attempts: 3 });
    },
  );

  it('gives up after the last attempt with the database error', async () => {
    const fn = jest.fn().mockRejectedValue(pgError('40P01'));

    await expect(
      retryOnConflict(fn, { attempts: 3, baseDelayMs: 1 }),
    ).rejects.toThrow('pg error 40P01');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('does not retry other errors', async () => {
    const fn = jest.fn().mockRejectedValue(pgError('23505'));

    await expect(retryOnConflict(fn, { baseDelayMs: 1 })).rejects.toThrow(
      'pg error 23505',
    );
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
