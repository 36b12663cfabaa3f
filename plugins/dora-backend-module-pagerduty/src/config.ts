import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DoraProviderConfigReader,
  DoraProviderRequestOptions,
  DoraProviderSchedule,
} from '@paved-road/plugin-dora-node';

const KEY = 'dora.providers.pagerduty';

/**
 * PagerDuty's REST API in the US service region; EU accounts use
 * `https://api.eu.pagerduty.com`.
 *
 * @public
 */
export const PAGERDUTY_DEFAULT_BASE_URL = 'https://api.pagerduty.com';

/**
 * Settings of the PagerDuty provider, read from `dora.providers.pagerduty`.
 *
 * @public
 */
export interface PagerDutyConfig {
  /** REST API base URL without a trailing slash. */
  baseUrl: string;
  /** REST API key (read-only is enough). */
  token: string;
  /** Signing secrets of v3 webhook subscriptions; empty: no webhook route. */
  webhookSecrets: string[];
  /** How far back the first sync of a service reads. */
  lookbackDays: number;
  /** When the sync runs; default every 10 minutes, 5-minute timeout. */
  schedule: DoraProviderSchedule;
  /** Retries and timeouts of PagerDuty requests. */
  requests: DoraProviderRequestOptions;
  /**
   * Key of the incident's first alert's custom details (`body.details`,
   * what the Events API v2 calls `payload.custom_details`) holding the id
   * of the deployment that caused it, e.g. `deployment_id`; a dotted path
   * reaches a nested value. Unset: no explicit links, no extra requests.
   */
  deploymentIdField?: string;
}

function readWebhookSecrets(reader: DoraProviderConfigReader): string[] {
  const secrets = reader.read(
    'webhookSecrets',
    'expected a list of signing secrets',
    c => c.getOptionalStringArray('webhookSecrets'),
  );
  return (secrets ?? []).map((secret, index) => {
    if (!secret.trim()) {
      throw reader.invalid(
        `webhookSecrets[${index}]`,
        'expected a non-empty secret',
      );
    }
    return secret;
  });
}

/** A custom detail key or dotted path: no blanks, at most 256 characters. */
function readDeploymentIdField(
  reader: DoraProviderConfigReader,
): string | undefined {
  const expected =
    "expected the key of a custom detail of the incident's first alert, e.g. 'deployment_id'";
  const field = reader.read('deploymentIdField', expected, c =>
    c.getOptionalString('deploymentIdField'),
  );
  if (field === undefined) return undefined;
  if (
    !field.trim() ||
    field.length > 256 ||
    field.split('.').some(part => !part.trim())
  ) {
    throw reader.invalid('deploymentIdField', expected);
  }
  return field.trim();
}

/**
 * Reads and validates `dora.providers.pagerduty`; `undefined` when the
 * section is absent (the module then does nothing). A malformed value fails
 * naming its key, never echoing a secret.
 *
 * @public
 */
export function readPagerDutyConfig(
  config: Config,
  options: { logger?: LoggerService } = {},
): PagerDutyConfig | undefined {
  const reader = DoraProviderConfigReader.fromConfig(config, {
    key: KEY,
    logger: options.logger,
  });
  if (!reader.present) return undefined;
  const deploymentIdField = readDeploymentIdField(reader);
  return {
    baseUrl: reader.baseUrl({ defaultUrl: PAGERDUTY_DEFAULT_BASE_URL }),
    token: reader.requiredString('token', 'expected a PagerDuty REST API key'),
    webhookSecrets: readWebhookSecrets(reader),
    lookbackDays: reader.lookbackDays({ defaultDays: 180 }),
    schedule: reader.schedule(),
    requests: reader.requests(),
    ...(deploymentIdField && { deploymentIdField }),
  };
}
