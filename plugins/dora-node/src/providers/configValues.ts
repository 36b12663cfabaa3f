import { Config } from '@backstage/config';

/** `Invalid config '<key>': <expected>`. */
export function invalidConfig(key: string, expected: string): Error {
  return new Error(`Invalid config '${key}': ${expected}`);
}

/** Runs a config getter; its error (which may echo a value) becomes ours. */
export function attempt<T>(key: string, expected: string, read: () => T): T {
  try {
    return read();
  } catch {
    throw invalidConfig(key, expected);
  }
}

/** A whole number in [min, max] at `config.key`, named `fullKey` in errors. */
export function readWholeNumber(
  config: Config,
  key: string,
  fullKey: string,
  bounds: { min: number; max: number },
): number | undefined {
  const expected = `expected a whole number from ${bounds.min} to ${bounds.max}`;
  const value = attempt(fullKey, expected, () => config.getOptionalNumber(key));
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw invalidConfig(fullKey, `${expected}, got ${value}`);
  }
  return value;
}
