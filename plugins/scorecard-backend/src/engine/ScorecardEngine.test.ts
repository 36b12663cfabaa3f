import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScorecardFactProvider } from '@paved-road/plugin-scorecard-node';
import { component, testConfig } from '../__testUtils__/fixtures';
import { readScorecardConfig } from '../config/readScorecardConfig';
import { CatalogFactProvider } from '../facts/CatalogFactProvider';
import { GoldenPathFactProvider } from '../facts/GoldenPathFactProvider';
import { ScorecardEngine } from './ScorecardEngine';

const NOW = new Date('2026-11-22T12:00:00Z');
const credentials = mockCredentials.service();

function engineWith(
  extra: ScorecardFactProvider[] = [],
  config = testConfig(),
) {
  const providers = new Map<string, ScorecardFactProvider>([
    ['catalog', new CatalogFactProvider()],
    [
      'golden-path',
      GoldenPathFactProvider.fromConfig(
        new ConfigReader({
          goldenPath: {
            archetypes: [{ id: 'node-service', version: '1.2.0' }],
          },
        }),
      ),
    ],
    ...extra.map(p => [p.id, p] as const),
  ]);
  return ScorecardEngine.create({ ...config, providers, now: () => NOW });
}

describe('ScorecardEngine', () => {
  it('scores, levels and explains every check', async () => {
    const [gold] = await engineWith().evaluate(
      [
        component('payments-api', {
          annotations: {
            'backstage.io/techdocs-ref': 'dir:.',
            'paved-road.dev/golden-path': 'node-service@1.2.0',
          },
        }),
      ],
      credentials,
    );
    expect(gold.scorecard).toMatchObject({
      entityRef: 'component:default/payments-api',
      evaluatedAt: NOW.toISOString(),
      score: 100,
      level: { id: 'gold', title: 'Gold' },
      nextLevel: null,
    });
    expect(gold.scorecard.checks.map(c => [c.id, c.status, c.value])).toEqual([
      ['has-owner', 'pass', 'group:default/payments'],
      ['has-docs', 'pass', 'dir:.'],
      ['golden-path-current', 'pass', true],
    ]);
  });

  it('holds a level only when every check of it and below passes; weights the score', async () => {
    const [behind, noDocs] = await engineWith().evaluate(
      [
        component('behind', {
          annotations: {
            'backstage.io/techdocs-ref': 'dir:.',
            'paved-road.dev/golden-path': 'node-service@1.1.0',
          },
        }),
        component('no-docs', {
          annotations: { 'paved-road.dev/golden-path': 'node-service@1.2.0' },
        }),
      ],
      credentials,
    );
    expect(behind.scorecard).toMatchObject({
      score: 75,
      level: { id: 'silver' },
      nextLevel: { id: 'gold' },
    });
    // Gold passes but silver fails: the entity stays at bronze.
    expect(noDocs.scorecard).toMatchObject({
      score: 50,
      level: { id: 'bronze' },
      nextLevel: { id: 'silver' },
    });
    expect(noDocs.scorecard.checks[1]).toMatchObject({
      status: 'fail',
      message: "No value for 'catalog:annotation:backstage.io/techdocs-ref'",
      remediation: {
        text: 'Add TechDocs',
        template: 'template:default/add-techdocs',
      },
    });
  });

  it('skips checks whose filter does not match and leaves out entities nothing applies to', async () => {
    const website = component('web', {}, { type: 'website', owner: undefined });
    const api = { ...component('api'), kind: 'API' };
    const results = await engineWith().evaluate([website, api], credentials);
    expect(results).toHaveLength(1);
    expect(results[0].scorecard.checks.map(c => c.status)).toEqual([
      'fail',
      'fail',
      'skipped',
    ]);
    expect(results[0].scorecard).toMatchObject({
      score: 0,
      level: null,
      nextLevel: { id: 'bronze' },
    });
  });

  it('turns checks of a failing provider to error and evaluates the rest', async () => {
    const config = readScorecardConfig(
      new ConfigReader({
        scorecard: {
          checks: [
            {
              id: 'owner',
              title: 'Owner',
              fact: 'catalog:field:spec.owner',
              operator: 'exists',
            },
            {
              id: 'tier',
              title: 'DORA tier',
              fact: 'dora:overallTier',
              operator: 'in',
              value: ['elite', 'high'],
            },
            {
              id: 'slo',
              title: 'SLO',
              fact: 'slo:defined',
              operator: 'eq',
              value: true,
            },
          ],
        },
      }),
    );
    const dora: ScorecardFactProvider = {
      id: 'dora',
      loadFacts: async () => {
        throw new Error('DORA backend unavailable');
      },
    };
    const slo: ScorecardFactProvider = {
      id: 'slo',
      loadFacts: async () =>
        new Map<string, Record<string, unknown> | Error>([
          ['component:default/a', { defined: true }],
          ['component:default/b', new Error('slo.yaml: bad target')],
        ]),
    };
    const [a, b] = await engineWith([dora, slo], config).evaluate(
      [component('a'), component('b')],
      credentials,
    );
    expect(a.scorecard.checks.map(c => c.status)).toEqual([
      'pass',
      'error',
      'pass',
    ]);
    expect(a.scorecard.checks[1].message).toBe(
      "Fact provider 'dora' failed: DORA backend unavailable",
    );
    expect(b.scorecard.checks.map(c => c.status)).toEqual([
      'pass',
      'error',
      'error',
    ]);
    expect(b.scorecard.checks[2].message).toContain('slo.yaml: bad target');
    expect(a.scorecard.score).toBe(67);
  });

  it('asks each provider once per batch, only for entities its checks apply to', async () => {
    const calls: Array<{ entities: string[]; facts: string[] }> = [];
    const spy: ScorecardFactProvider = {
      id: 'spy',
      loadFacts: async req => {
        calls.push({
          entities: req.entities.map(e => e.metadata.name),
          facts: req.facts,
        });
        return new Map(
          req.entities.map(e => [
            `component:default/${e.metadata.name}`,
            { n: 1 },
          ]),
        );
      },
    };
    const config = readScorecardConfig(
      new ConfigReader({
        scorecard: {
          checks: [
            {
              id: 'a',
              title: 'A',
              fact: 'spy:n',
              operator: 'gte',
              value: 1,
              filter: { tag: ['x'] },
            },
            {
              id: 'b',
              title: 'B',
              fact: 'spy:n',
              operator: 'lt',
              value: 5,
              filter: { tag: ['x'] },
            },
            {
              id: 'c',
              title: 'C',
              fact: 'catalog:field:metadata.name',
              operator: 'exists',
            },
          ],
        },
      }),
    );
    const entities = [
      component('one', { tags: ['x'] }),
      component('two'),
      component('three', { tags: ['x'] }),
    ];
    const results = await ScorecardEngine.create({
      ...config,
      providers: new Map([
        ['spy', spy],
        ['catalog', new CatalogFactProvider()],
      ]),
      batchSize: 2,
    }).evaluate(entities, credentials);
    expect(calls).toEqual([
      { entities: ['one'], facts: ['n'] },
      { entities: ['three'], facts: ['n'] },
    ]);
    expect(results.map(r => r.scorecard.score)).toEqual([100, 100, 100]);
  });
});
