import { Config, readDurationFromConfig } from '@backstage/config';
import { ExemptionsConfig } from './types';

const DAY_MS = 86_400_000;
/** The default of `scorecard.exemptions.maxDuration`. */
export const DEFAULT_MAX_EXEMPTION_MS = 90 * DAY_MS;

/** Milliseconds per unit of a Backstage `HumanDuration`; months and years are 30 and 365 days. */
const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: DAY_MS,
  weeks: 7 * DAY_MS,
  months: 30 * DAY_MS,
  years: 365 * DAY_MS,
};

function fail(key: string, message: string): Error {
  return new Error(
    `Invalid scorecard configuration: scorecard.exemptions.${key}: ${message}`,
  );
}

function readMaxDuration(config: Config): number {
  if (!config.has('maxDuration')) return DEFAULT_MAX_EXEMPTION_MS;
  let duration: Record<string, number | undefined>;
  try {
    duration = readDurationFromConfig(config, { key: 'maxDuration' });
  } catch (e) {
    throw fail('maxDuration', (e as Error).message);
  }
  const ms = Object.entries(duration).reduce(
    (sum, [unit, n]) => sum + (n ?? 0) * (UNIT_MS[unit] ?? NaN),
    0,
  );
  if (!Number.isFinite(ms) || ms <= 0) {
    throw fail(
      'maxDuration',
      "expected a positive duration such as '90d', 'P90D' or { days: 90 }",
    );
  }
  return ms;
}

/**
 * Reads `scorecard.exemptions`, failing with the key named when malformed.
 *
 * @internal
 */
export function readExemptionsConfig(config: Config): ExemptionsConfig {
  const section = config.getOptionalConfig('scorecard.exemptions');
  if (!section) {
    return { maxDurationMs: DEFAULT_MAX_EXEMPTION_MS, autoApprove: false };
  }
  let autoApprove: boolean | undefined;
  try {
    autoApprove = section.getOptionalBoolean('autoApprove');
  } catch {
    throw fail('autoApprove', 'expected true or false');
  }
  return {
    maxDurationMs: readMaxDuration(section),
    autoApprove: autoApprove ?? false,
  };
}
