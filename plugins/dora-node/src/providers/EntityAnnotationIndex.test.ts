import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { EntityAnnotationIndex } from './EntityAnnotationIndex';

const component = (
  name: string,
  annotations: Record<string, string>,
  kind = 'Component',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

const entities = [
  component('payments-api', { 'pagerduty.com/service-id': 'PPAY001' }),
  component('Ledger', { 'pagerduty.com/service-id': ' ppay001 ' }),
  component('checkout', { 'pagerduty.com/service-id': 'PCHK002' }),
  component('cart', { 'github.com/project-slug': 'acme/cart' }),
];

describe('EntityAnnotationIndex', () => {
  it('maps annotation values to lower-case entity refs read from the catalog', async () => {
    const index = await EntityAnnotationIndex.load({
      catalog: catalogServiceMock({ entities }),
      credentials: mockCredentials.service(),
      annotation: 'pagerduty.com/service-id',
    });
    expect(index.lookup('PPAY001')).toEqual([
      'component:default/payments-api',
      'component:default/ledger',
    ]);
    expect(index.lookup('pchk002')).toEqual(['component:default/checkout']);
    expect(index.lookup('PUNKNOWN')).toEqual([]);
    expect(index.values()).toEqual(['pchk002', 'ppay001']);
    expect(index.size).toBe(2);
  });

  it('splits values and keeps case when told to', () => {
    const index = EntityAnnotationIndex.fromEntities(
      [component('a', { 'opsgenie.com/component-selector': 'Pay, Ledger' })],
      {
        annotation: 'opsgenie.com/component-selector',
        normalize: v => v.trim(),
        split: v => v.split(','),
      },
    );
    expect(index.values()).toEqual(['Ledger', 'Pay']);
    expect(index.lookup('ledger')).toEqual([]);
    expect(index.lookup('Ledger')).toEqual(['component:default/a']);
  });
});
