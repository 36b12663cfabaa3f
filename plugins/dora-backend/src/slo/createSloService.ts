import {
  AuthService,
  DatabaseService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseSloIncidents } from './DatabaseSloIncidents';
import { DatabaseSloSnapshots } from './DatabaseSloSnapshots';
import { DefaultSloService } from './DefaultSloService';
import { parseDuration } from './duration';
import {
  DEFAULT_PROMETHEUS_TIMEOUT_MS,
  PrometheusClient,
} from './PrometheusClient';
import { SloDefinitionReader } from './SloDefinitionReader';
import {
  readSloSnapshotConfig,
  SloSnapshotConfig,
} from './sloSnapshotSchedule';
import { SloSnapshotRefresher } from './SloSnapshotRefresher';
import { SloSnapshotService } from './SloSnapshotService';
import { SloAlertNotifier } from './SloAlertNotifier';
import { NotificationService } from '@backstage/plugin-notifications-node';

/**
 * Builds the SLO services from `dora.slo` config: Prometheus connection,
 * app-config definitions, downtime severities and the snapshot schedule.
 * Malformed config fails here, at start-up, naming the key. Reads are
 * served from snapshots (`slos`); `snapshots` is the scheduled refresh.
 */
export async function createSloService(options: {
  config: Config;
  database: DatabaseService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Absent: no SLO alert notifications. */
  notifications?: NotificationService;
}): Promise<{
  slos: SloSnapshotService;
  snapshots: { config: SloSnapshotConfig; refresher: SloSnapshotRefresher };
}> {
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
  const snapshotConfig = readSloSnapshotConfig(options.config);
  let sloAlerts: boolean;
  try {
    sloAlerts =
      options.config.getOptionalBoolean('dora.notifications.sloAlerts') ?? true;
  } catch {
    throw new Error(
      "Invalid config 'dora.notifications.sloAlerts': expected true or false",
    );
  }
  const incidents = await DatabaseSloIncidents.create({
    database: options.database,
  });
  const reader = SloDefinitionReader.fromConfig(options.config, {
    urlReader: options.urlReader,
  });
  const compute = DefaultSloService.create({
    getEntity: (entityRef, credentials) =>
      options.catalog.getEntityByRef(entityRef, { credentials }),
    reader,
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
  const store = await DatabaseSloSnapshots.create({
    database: options.database,
  });
  return {
    slos: SloSnapshotService.create({
      catalog: options.catalog,
      compute,
      store,
    }),
    snapshots: {
      config: snapshotConfig,
      refresher: SloSnapshotRefresher.create({
        catalog: options.catalog,
        auth: options.auth,
        compute,
        configuredEntityRefs: () => reader.configuredEntityRefs(),
        store,
        logger: options.logger,
        concurrency: snapshotConfig.concurrency,
        notifier: new SloAlertNotifier({
          knex: await options.database.getClient(),
          notifications: options.notifications,
          logger: options.logger,
          enabled: sloAlerts,
        }),
      }),
    },
  };
}
