import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Archetype } from '../types';

const BUILTIN_VERSIONS: Record<string, { title: string; versions: string[] }> =
  {
    'node-service': {
      title: 'Node.js service',
      versions: ['1.0.0', '1.1.0'],
    },
    'python-service': {
      title: 'Python service',
      versions: ['1.0.0', '1.1.0'],
    },
  };

function skeletonRoot(): string {
  return resolvePackagePath(
    '@paved-road/plugin-scaffolder-backend-module-golden-path',
    'skeletons',
  );
}

/**
 * The archetypes shipped inside this package, each at every version it has
 * had, the latest last.
 *
 * @internal
 */
export function builtinArchetypes(): Archetype[] {
  const root = skeletonRoot();
  return Object.entries(BUILTIN_VERSIONS).map(([id, { title, versions }]) => ({
    id,
    title,
    version: versions[versions.length - 1],
    versions: versions.map(version => ({
      version,
      skeleton: `${root}/${id}/${version}`,
    })),
  }));
}
