import { createDoraProviderModule } from '@paved-road/plugin-dora-node';
import { readPagerDutyConfig } from './config';
import { PagerDutyDoraProvider } from './PagerDutyDoraProvider';

/**
 * Adds the `pagerduty` DORA provider: incidents of the services named in
 * entities' `pagerduty.com/service-id` annotations, read on a schedule and
 * received through v3 webhooks. Does nothing without
 * `dora.providers.pagerduty` in the config.
 *
 * @public
 */
export const doraModulePagerDuty = createDoraProviderModule({
  moduleId: 'pagerduty',
  createProvider({ config, logger, auth, catalog }) {
    const pagerduty = readPagerDutyConfig(config, { logger });
    if (!pagerduty) {
      logger.info(
        "PagerDuty DORA provider is off; configure 'dora.providers.pagerduty' to turn it on",
      );
      return undefined;
    }
    const provider = PagerDutyDoraProvider.create({
      config: pagerduty,
      catalog,
      auth,
    });
    logger.info(
      `PagerDuty DORA provider reads ${pagerduty.baseUrl}; webhooks ${
        provider.webhook ? 'on' : "off (no 'webhookSecrets')"
      }`,
    );
    return provider;
  },
});
