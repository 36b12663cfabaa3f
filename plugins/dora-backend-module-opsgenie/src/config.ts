import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DoraProviderConfigReader,
  DoraProviderRequestOptions,
  DoraProviderSchedule,
} from '@paved-road/plugin-dora-node';

/** Config path of the Opsgenie provider. */
const KEY = 'dora.providers.opsgenie';

/**
 * The Opsgenie API in the US (default) and EU regions.
 *
 * @public
 */
export const OPSGENIE_BASE_URLS = {
  us: 'https://api.opsgenie.com',
  eu: 'https://api.eu.opsgenie.com',
} as const;

/**
 * Settings of the Opsgenie provider, read from `dora.providers.opsgenie`.
 *
 * @public
 */
export interface OpsgenieConfig {
  /** An Opsgenie API integration key with read access. Never logged. */
  apiKey: string;
  /** Without a trailing slash, e.g. `https://api.eu.opsgenie.com`. */
  baseUrl: string;
  /** How far back the first run reads incidents, in days. */
  lookbackDays: number;
  /** When the sync runs; default every 10 minutes, 5-minute timeout. */
  schedule: DoraProviderSchedule;
  /** Retries and timeouts of Opsgenie requests. */
  requests: DoraProviderRequestOptions;
  /**
   * Key of the incident's custom properties (`extraProperties`, `details`
   * when created) holding the id of the deployment that caused it; unset:
   * no explicit links.
   */
  deploymentIdField?: string;
}

/** A custom property key: a non-blank string of at most 256 characters. */
function readDeploymentIdField(
  reader: DoraProviderConfigReader,
): string | undefined {
  const expected =
    "expected the key of an incident's custom property (extraProperties), e.g. 'deploymentId'";
  const field = reader.read('deploymentIdField', expected, c =>
    c.getOptionalString('deploymentIdField'),
  );
  if (field === undefined) return undefined;
  if (!field.trim() || field.length > 256) {
    throw reader.invalid('deploymentIdField', expected);
  }
  return field.trim();
}

/**
 * Reads and validates `dora.providers.opsgenie`; `undefined` when the block
 * is absent (the module then adds no provider). A malformed value fails
 * naming its key; the API key itself never appears in an error.
 *
 * @public
 */
export function readOpsgenieConfig(
  config: Config,
  options: { logger?: LoggerService } = {},
): OpsgenieConfig | undefined {
  const reader = DoraProviderConfigReader.fromConfig(config, {
    key: KEY,
    logger: options.logger,
  });
  if (!reader.present) return undefined;
  const deploymentIdField = readDeploymentIdField(reader);
  return {
    apiKey: reader.requiredString(
      'apiKey',
      'expected an Opsgenie API key (required)',
    ),
    baseUrl: reader.baseUrl({ defaultUrl: OPSGENIE_BASE_URLS.us }),
    lookbackDays: reader.lookbackDays({ defaultDays: 90 }),
    schedule: reader.schedule(),
    requests: reader.requests(),
    ...(deploymentIdField && { deploymentIdField }),
  };
}
