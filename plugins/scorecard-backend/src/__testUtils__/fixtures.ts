import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readScorecardConfig } from '../config/readScorecardConfig';

/** An example component; override fields with `extra`. */
export function component(
  name: string,
  extra: Partial<Entity['metadata']> = {},
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...extra },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      ...spec,
    },
  };
}

/** A team; with `parent`, a child group of it (relation and `spec.parent`). */
export function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

/** The `scorecard` config the tests share. */
export const testScorecardConfig = {
  levels: [
    { id: 'bronze', title: 'Bronze' },
    { id: 'silver', title: 'Silver' },
    { id: 'gold', title: 'Gold' },
  ],
  checks: [
    {
      id: 'has-owner',
      title: 'Has an owner',
      category: 'Ownership',
      level: 'bronze',
      fact: 'catalog:field:spec.owner',
      operator: 'exists',
      filter: { kind: ['component'] },
    },
    {
      id: 'has-docs',
      title: 'Has TechDocs',
      category: 'Documentation',
      level: 'silver',
      weight: 2,
      fact: 'catalog:annotation:backstage.io/techdocs-ref',
      operator: 'exists',
      filter: { kind: ['component'] },
      remediation: {
        text: 'Add TechDocs',
        template: 'template:default/add-techdocs',
      },
    },
    {
      id: 'golden-path-current',
      title: 'On the latest golden path',
      category: 'Golden path',
      level: 'gold',
      fact: 'golden-path:current',
      operator: 'eq',
      value: true,
      filter: { kind: ['component'], type: ['service'] },
    },
  ],
};

/** The parsed test config. */
export function testConfig() {
  return readScorecardConfig(
    new ConfigReader({ scorecard: testScorecardConfig }),
  );
}
