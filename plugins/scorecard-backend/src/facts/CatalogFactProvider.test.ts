import { mockCredentials } from '@backstage/backend-test-utils';
import { component } from '../__testUtils__/fixtures';
import { CatalogFactProvider, compileCatalogFact } from './CatalogFactProvider';

describe('CatalogFactProvider', () => {
  const entity = {
    ...component('payments-api', {
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      labels: { tier: '1' },
    }),
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/payments' },
      { type: 'dependsOn', targetRef: 'resource:default/db' },
      { type: 'dependsOn', targetRef: 'component:default/ledger' },
    ],
  };

  it.each([
    ['field:spec.lifecycle', 'production'],
    ['spec.type', 'service'],
    ['field:metadata.annotations[backstage.io/techdocs-ref]', 'dir:.'],
    ['field:spec.missing.deeper', undefined],
    ['annotation:backstage.io/techdocs-ref', 'dir:.'],
    ['annotation:github.com/project-slug', undefined],
    ['label:tier', '1'],
    ['relation:ownedBy', ['group:default/payments']],
    ['relation:dependsOn', ['resource:default/db', 'component:default/ledger']],
    ['relation:providesApi', undefined],
    ['relationCount:dependsOn', 2],
  ])('reads %s', (fact, expected) => {
    expect(compileCatalogFact(fact)(entity)).toEqual(expected);
  });

  it('rejects an unknown scheme', () => {
    expect(() => compileCatalogFact('spec:owner')).toThrow(
      "Unknown catalog fact 'spec:owner'",
    );
  });

  it('loads the requested facts per entity ref', async () => {
    const batch = await new CatalogFactProvider().loadFacts({
      entities: [entity],
      entityRefs: ['component:default/payments-api'],
      facts: ['field:spec.owner', 'label:tier'],
      credentials: mockCredentials.service(),
    });
    expect(batch.get('component:default/payments-api')).toEqual({
      'field:spec.owner': 'group:default/payments',
      'label:tier': '1',
    });
  });
});
