import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The scaffolder page of a template ref (`template:default/add-techdocs` or
 * `add-techdocs`), or undefined when the ref is malformed.
 *
 * @internal
 */
export function templatePath(templateRef: string): string | undefined {
  try {
    const ref = parseEntityRef(templateRef, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'template') return undefined;
    return `/create/templates/${encodeURIComponent(
      ref.namespace,
    )}/${encodeURIComponent(ref.name)}`;
  } catch {
    return undefined;
  }
}
