import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { DoraService } from '@paved-road/plugin-dora-node';
import {
  SloSnapshotService,
  MAX_SLOS_BY_ENTITY,
} from '../slo/SloSnapshotService';
import { AuthorizedDoraService } from './AuthorizedDoraService';
import { MAX_BY_ENTITY_REFS } from './parseQuery';

/**
 * The in-process DoraService other plugins of this backend get through
 * `doraServiceBridgeRef`: the same checks as the HTTP routes, with the
 * caller's credentials or else the plugin's own.
 *
 * @internal
 */
export function createInProcessDoraService(options: {
  dora: Pick<AuthorizedDoraService, 'getMetrics' | 'getMetricsByEntity'>;
  slos: Pick<SloSnapshotService, 'getEntitySlos' | 'getSlosByEntity'>;
  auth: AuthService;
}): DoraService {
  const { dora, slos, auth } = options;
  const as = async (credentials?: BackstageCredentials) =>
    credentials ?? (await auth.getOwnServiceCredentials());
  const chunks = (refs: string[], size: number) =>
    Array.from({ length: Math.ceil(refs.length / size) }, (_, i) =>
      refs.slice(i * size, (i + 1) * size),
    );
  return {
    getMetrics: async ({ entityRef, from, to, credentials }) =>
      dora.getMetrics({
        entityRef,
        from,
        to,
        credentials: await as(credentials),
      }),
    getSlos: async ({ entityRef, credentials }) =>
      slos.getEntitySlos({ entityRef, credentials: await as(credentials) }),
    async getMetricsByEntity({ entityRefs, from, to, credentials }) {
      const result = { items: [] as any[], notFound: [] as string[] };
      for (const part of chunks(entityRefs, MAX_BY_ENTITY_REFS)) {
        const answer = await dora.getMetricsByEntity({
          entityRefs: part,
          from,
          to,
          credentials: await as(credentials),
        });
        result.items.push(...answer.items);
        result.notFound.push(...(answer.notFound ?? []));
      }
      return result;
    },
    async getSlosByEntity({ entityRefs, credentials }) {
      const result = { items: [] as any[], notFound: [] as string[] };
      for (const part of chunks(entityRefs, MAX_SLOS_BY_ENTITY)) {
        const answer = await slos.getSlosByEntity({
          subject: { entityRefs: part },
          credentials: await as(credentials),
        });
        result.items.push(...answer.items);
        result.notFound.push(...answer.notFound);
      }
      return result;
    },
  };
}
