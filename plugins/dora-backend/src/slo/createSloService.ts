import {
  DatabaseService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseSloIncidents } from './DatabaseSloIncidents';
import { DefaultSloService } from './DefaultSloService';
import { parseDuration } from './duration';
import {
  DEFAULT_PROMETHEUS_TIMEOUT_MS,
  PrometheusClient,
} from './PrometheusClient';
import { SloDefinitionReader } from './SloDefinitionReader';

/**
 * Builds the SLO service from `dora.slo` config: Prometheus connection,
 * app-config definitions and downtime severities. Malformed config fails
 * here, at start-up, naming the key.
 */
export async function createSloService(options: {
  config: Config;
  database: DatabaseService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  logger: LoggerService;
}): Promise<DefaultSloService> {
  const slo = options.config.getOptionalConfig('dora.slo');
  const prometheusUrl = slo?.getOptionalString('prometheus.baseUrl');
  if (prometheusUrl && !/^https?:\/\//.test(prometheusUrl)) {
    throw new Error(
      `Invalid config 'dora.slo.prometheus.baseUrl': expected an http(s) URL, got '${prometheusUrl}'`,
    );
  }
  const timeout = slo?.getOptionalString('prometheus.timeout');
  const timeoutMs =
    timeout === undefined
      ? DEFAULT_PROMETHEUS_TIMEOUT_MS
      : parseDuration(timeout);
  if (timeoutMs === undefined) {
    throw new Error(
      `Invalid config 'dora.slo.prometheus.timeout': expected a duration like 10s or 1m, got '${timeout}'`,
    );
  }
  const incidents = await DatabaseSloIncidents.create({
    database: options.database,
  });
  return DefaultSloService.create({
    getEntity: (entityRef, credentials) =>
      options.catalog.getEntityByRef(entityRef, { credentials }),
    reader: SloDefinitionReader.fromConfig(options.config, {
      urlReader: options.urlReader,
    }),
    sources: {
      incidents: request => incidents.list(request),
      prometheus: prometheusUrl
        ? new PrometheusClient({
            baseUrl: prometheusUrl,
            token: slo?.getOptionalString('prometheus.token'),
            timeoutMs,
          })
        : undefined,
    },
    logger: options.logger,
    defaultSeverities: slo?.getOptionalStringArray('downtimeSeverities'),
  });
}
