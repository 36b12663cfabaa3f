import { Config } from '@backstage/config';
import { DoraBenchmark } from '@paved-road/plugin-dora-common';
import { EnvironmentMatcher } from '@paved-road/plugin-dora-node';
import { hasNestedQuantifier } from './nestedQuantifier';
import { LinkingPolicy } from '../database/linking';
import { readLinkingPolicy } from './linkingConfig';

/** The `dora` configuration, validated. @internal */
export interface DoraConfig {
  production: EnvironmentMatcher;
  benchmark: DoraBenchmark;
  /** `dora.linking` and `dora.incidents.exclude`. */
  linking: LinkingPolicy;
}

const BENCHMARKS: DoraBenchmark[] = ['2021', '2023', '2024'];

/** Reads `dora.*`, failing at start-up with the key that is wrong. @internal */
export function readDoraConfig(config: Config): DoraConfig {
  const configError = (message: string) =>
    new Error(`Invalid configuration: ${message}`);
  const patterns = config.getOptionalStringArray(
    'dora.productionEnvironments',
  ) ?? ['production', 'prod'];
  for (const pattern of patterns) {
    const regex = /^\/(.+)\/[a-z]*$/.exec(pattern);
    if (regex && hasNestedQuantifier(regex[1])) {
      throw configError(
        `'dora.productionEnvironments': '${pattern}' repeats a quantified group (like (a+)+), which can stall the backend on some environment names; rewrite it without nested quantifiers`,
      );
    }
  }
  const production = EnvironmentMatcher.parse(
    patterns,
    "'dora.productionEnvironments'",
    configError,
  );
  const benchmark = String(config.getOptional('dora.benchmark') ?? '2024');
  if (!BENCHMARKS.includes(benchmark as DoraBenchmark)) {
    throw configError(
      `'dora.benchmark' must be one of ${BENCHMARKS.join(
        ', ',
      )}, got '${benchmark}'`,
    );
  }
  return {
    production,
    benchmark: benchmark as DoraBenchmark,
    linking: readLinkingPolicy(config),
  };
}
