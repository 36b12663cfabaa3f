import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The query parameter naming the example user to sign in as. */
export const E2E_USER_PARAM = 'as';

/**
 * A 403 from the auth backend's error handler, which maps errors by name
 * (the example backend does not depend on `@backstage/errors`).
 */
class E2eSignInDenied extends Error {
  name = 'NotAllowedError';
}

interface E2eContext {
  users: string[];
}

/**
 * Signs in as one of the example users listed under
 * `auth.providers.e2e.users`, named by `?as=<user name>` on the refresh
 * request. The browser tests route the guest sign-in of one browser context
 * here, so one journey can have two people in it (a platform lead and a
 * service owner) while the app keeps its single guest sign-in button.
 *
 * Inert everywhere else: the auth backend only mounts providers configured
 * under `auth.providers` (only app-config.e2e.yaml configures `e2e`), and
 * like the guest provider it refuses to sign anyone in unless
 * `NODE_ENV=development` (the e2e backend runs with `backstage-cli package
 * start`). It signs in catalog users only, with their catalog memberships,
 * so the permission policy sees exactly what it would see in production.
 */
const e2eAuthenticator = createProxyAuthenticator<
  E2eContext,
  { userEntityRef: string },
  unknown
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    return { users: config.getOptionalStringArray('users') ?? [] };
  },
  async authenticate({ req }, { users }) {
    // On every request, as the guest provider does.
    if (process.env.NODE_ENV !== 'development') {
      throw new E2eSignInDenied(
        'The e2e sign-in provider only works with NODE_ENV=development',
      );
    }
    const name = req.query[E2E_USER_PARAM];
    const userEntityRef =
      typeof name === 'string' ? `user:default/${name}` : undefined;
    if (!userEntityRef || !users.includes(userEntityRef)) {
      throw new E2eSignInDenied(
        `Invalid '${E2E_USER_PARAM}': expected one of ${
          users.join(', ') || '(no users in auth.providers.e2e.users)'
        }`,
      );
    }
    return { result: { userEntityRef } };
  },
});

/** Installs the e2e-only sign-in provider (see {@link e2eAuthenticator}). */
export const e2eSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'paved-road-e2e-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'e2e',
          factory: createProxyAuthProviderFactory({
            authenticator: e2eAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});

export default e2eSignInModule;
