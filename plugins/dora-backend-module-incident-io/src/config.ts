import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DoraProviderConfigReader,
  DoraProviderRequestOptions,
  DoraProviderSchedule,
} from '@paved-road/plugin-dora-node';

/** Config path of the incident.io provider. */
const KEY = 'dora.providers.incidentIo';

/**
 * Settings of the incident.io provider, read from
 * `dora.providers.incidentIo`.
 *
 * @public
 */
export interface IncidentIoConfig {
  /** An incident.io API key that can view incidents. Never logged. */
  apiKey: string;
  /** Without a trailing slash; default `https://api.incident.io`. */
  baseUrl: string;
  /**
   * Name (or id) of the incident custom field naming the affected services;
   * default `Affected services`.
   */
  serviceField: string;
  /**
   * Name (or id) of the incident custom field holding the id of the
   * deployment that caused the incident; unset: no explicit links.
   */
  deploymentIdField?: string;
  /** How far back the first run reads incidents, in days. */
  lookbackDays: number;
  /** When the sync runs; default every 10 minutes, 5-minute timeout. */
  schedule: DoraProviderSchedule;
  /** Retries and timeouts of incident.io requests. */
  requests: DoraProviderRequestOptions;
  /**
   * The webhook endpoint's signing secrets (`whsec_...`, from
   * `webhookSecret` and `webhookSecrets`), several while one is rotated;
   * without any the webhook route answers 404.
   */
  webhookSecrets?: string[];
}

function checkWebhookSecret(
  reader: DoraProviderConfigReader,
  key: string,
  secret: string,
): string {
  const value = secret.replace(/^whsec_/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length < 16) {
    throw reader.invalid(
      key,
      "expected the endpoint's signing secret, 'whsec_' followed by base64",
    );
  }
  return secret;
}

/** `webhookSecret` and `webhookSecrets`, each a `whsec_` secret. */
function readWebhookSecrets(reader: DoraProviderConfigReader): string[] {
  const secret = reader.optionalString('webhookSecret', { allowBlank: true });
  const list = reader.read(
    'webhookSecrets',
    'expected a list of signing secrets',
    c => c.getOptionalStringArray('webhookSecrets') ?? [],
  );
  return [
    ...(secret === undefined
      ? []
      : [checkWebhookSecret(reader, 'webhookSecret', secret)]),
    ...list.map((value, index) =>
      checkWebhookSecret(reader, `webhookSecrets[${index}]`, value),
    ),
  ];
}

/** A custom field name or id: a non-blank string of at most 256 characters. */
function readDeploymentIdField(
  reader: DoraProviderConfigReader,
): string | undefined {
  const expected =
    "expected the name (or id) of an incident custom field, e.g. 'Deployment'";
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
 * Reads and validates `dora.providers.incidentIo`; `undefined` when the
 * block is absent (the module then adds no provider). A malformed value
 * fails naming its key; secrets never appear in an error.
 *
 * @public
 */
export function readIncidentIoConfig(
  config: Config,
  options: { logger?: LoggerService } = {},
): IncidentIoConfig | undefined {
  const reader = DoraProviderConfigReader.fromConfig(config, {
    key: KEY,
    logger: options.logger,
  });
  if (!reader.present) return undefined;
  const webhookSecrets = readWebhookSecrets(reader);
  const deploymentIdField = readDeploymentIdField(reader);
  return {
    apiKey: reader.requiredString(
      'apiKey',
      'expected an incident.io API key (required)',
    ),
    baseUrl: reader.baseUrl({ defaultUrl: 'https://api.incident.io' }),
    serviceField:
      reader.optionalString('serviceField', { allowBlank: true }) ??
      'Affected services',
    ...(deploymentIdField && { deploymentIdField }),
    lookbackDays: reader.lookbackDays({ defaultDays: 90 }),
    schedule: reader.schedule(),
    requests: reader.requests(),
    ...(webhookSecrets.length > 0 && { webhookSecrets }),
  };
}
