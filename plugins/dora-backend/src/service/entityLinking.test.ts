import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DAY,
  T0,
  createDatabases,
  createService,
  deployment,
  expectRollupsAgree,
  incident,
} from '../__testUtils__/fixtures';
import { parseLinkingAnnotation, syncEntityLinking } from './entityLinking';

jest.setTimeout(120_000);

const databases = createDatabases();

const component = (name: string, annotation?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: annotation
      ? { 'paved-road.dev/dora-linking': annotation }
      : {},
  },
  spec: {},
});

describe('parseLinkingAnnotation', () => {
  it('reads rules and lookback, either alone', () => {
    expect(
      parseLinkingAnnotation(
        'rules=explicit, rollback,latest-before; lookback=7d',
      ),
    ).toMatchObject({
      rules: ['explicit', 'rollback', 'latest-before'],
      lookbackSet: true,
      lookbackMs: 7 * DAY,
    });
    expect(parseLinkingAnnotation('lookback=none')).toMatchObject({
      rules: null,
      lookbackSet: true,
      lookbackMs: null,
    });
    expect(parseLinkingAnnotation('rules=explicit')).toMatchObject({
      rules: ['explicit'],
      lookbackSet: false,
    });
  });

  it.each([
    [
      'rules=latest',
      "rules: expected some of explicit, rollback, latest-before, got 'latest'",
    ],
    ['lookback=5m', 'lookback: expected a duration of at least one hour'],
    ['window=7d', "unknown key 'window'"],
    ['', 'expected rules=... or lookback=...'],
    ['x'.repeat(501), 'expected at most 500 characters'],
  ])('refuses %j saying what to fix', (value, message) => {
    expect(() => parseLinkingAnnotation(value)).toThrow(message);
  });
});

describe.each(databases.eachSupportedId())('entity linking on %p', id => {
  it("applies an entity's own rules, and the config's again once the annotation is gone", async () => {
    const { service, store } = await createService(databases, id);
    const events = (entity: string) => [
      deployment(`${entity}-a1`, 0, {
        entityRef: `component:default/${entity}`,
        commitSha: 'aaa',
      }),
      deployment(`${entity}-b`, DAY, {
        entityRef: `component:default/${entity}`,
        commitSha: 'bbb',
      }),
      deployment(`${entity}-a2`, 2 * DAY, {
        entityRef: `component:default/${entity}`,
        commitSha: 'aaa',
      }),
      incident(`${entity}-late`, 20 * DAY, 21 * DAY, {
        entityRef: `component:default/${entity}`,
      }),
    ];
    await service.ingest({ events: [...events('own'), ...events('plain')] });
    const logger = mockServices.logger.mock();
    const sync = (entities: object[]) =>
      syncEntityLinking({
        catalog: catalogServiceMock({ entities: entities as any }),
        auth: mockServices.auth(),
        logger,
        store,
      });
    const state = async (entity: string) => {
      const page = await store.listDeployments({
        entityRefs: [`component:default/${entity}`],
        from: T0 - DAY,
        to: T0 + 30 * DAY,
        limit: 10,
      });
      const incidents = await store.listIncidents({
        entityRefs: [`component:default/${entity}`],
        from: T0 - DAY,
        to: T0 + 30 * DAY,
        limit: 10,
      });
      return {
        statuses: page.items.map(d => `${d.id}:${d.status}`),
        incident:
          incidents.items[0].link?.rule ?? incidents.items[0].unlinkedReason,
      };
    };

    expect(
      await sync([
        component('own', 'rules=explicit,rollback,latest-before; lookback=7d'),
        component('plain'),
        component('typo', 'rules=sometimes'),
      ]),
    ).toEqual(['component:default/own']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'component:default/typo: rules: expected some of',
      ),
    );
    expect(await state('own')).toEqual({
      statuses: ['own-a2:success', 'own-b:rolled_back', 'own-a1:success'],
      incident: 'beyond-lookback',
    });
    expect(await state('plain')).toEqual({
      statuses: ['plain-a2:success', 'plain-b:success', 'plain-a1:success'],
      incident: 'latest-before',
    });
    await expectRollupsAgree(store, 'component:default/own');

    // Nothing changed: nothing recomputed.
    expect(
      await sync([
        component('own', 'rules=explicit,rollback,latest-before; lookback=7d'),
      ]),
    ).toEqual([]);
    // Later pushes for the entity follow its rules.
    await service.ingest({
      events: [
        deployment('own-b2', 22 * DAY, {
          entityRef: 'component:default/own',
          commitSha: 'bbb',
        }),
      ],
    });
    expect((await state('own')).statuses).toEqual([
      'own-b2:success',
      'own-a2:rolled_back',
      'own-b:rolled_back',
      'own-a1:success',
    ]);

    expect(await sync([])).toEqual(['component:default/own']);
    expect(await state('own')).toEqual({
      statuses: [
        'own-b2:success',
        'own-a2:success',
        'own-b:success',
        'own-a1:success',
      ],
      incident: 'latest-before',
    });
    await expectRollupsAgree(store, 'component:default/own');
  });
});
