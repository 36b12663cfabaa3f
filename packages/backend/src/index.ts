/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// Browser tests only: signs in as a listed example user (a platform lead and
// a service owner in one journey). Does nothing unless app-config.e2e.yaml's
// auth.providers.e2e is configured and NODE_ENV is development (e2eSignIn.ts).
backend.add(import('./e2eSignIn'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Paved Road's example policy (docs/permissions.md): reads as with allow-all,
// DORA pushes by users only for the entities their groups own.
backend.add(import('./permissionPolicy'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Paved Road: golden path, DORA/SLO, scorecard
backend.add(import('@paved-road/plugin-scaffolder-backend-module-golden-path'));
backend.add(import('@paved-road/plugin-dora-backend'));
// DORA providers: each does nothing until configured under dora.providers.<id>.
backend.add(import('@paved-road/plugin-dora-backend-module-github'));
backend.add(import('@paved-road/plugin-dora-backend-module-gitlab'));
backend.add(import('@paved-road/plugin-dora-backend-module-pagerduty'));
backend.add(import('@paved-road/plugin-dora-backend-module-opsgenie'));
backend.add(import('@paved-road/plugin-dora-backend-module-incident-io'));
// Example only: a year of generated DORA data when `dora.demo.enabled` is true.
backend.add(import('@paved-road/plugin-dora-backend-module-demo'));
backend.add(import('@paved-road/plugin-scorecard-backend'));

backend.start();
