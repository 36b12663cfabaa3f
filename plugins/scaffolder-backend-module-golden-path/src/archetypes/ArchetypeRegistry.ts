import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { compare, valid } from 'semver';
import { Archetype, ArchetypeVersion } from '../types';
import { builtinArchetypes } from './builtinArchetypes';

const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function readVersion(config: Config, key: string): string {
  const version = config.getString('version');
  // Exactly `major.minor.patch[-pre]`: it is written into annotations as is.
  if (valid(version) !== version) {
    throw new Error(
      `Invalid config '${key}.version' '${version}': expected a semantic version such as 1.2.0`,
    );
  }
  return version;
}

function readArchetype(
  config: Config,
  key: string,
  builtins: Map<string, Archetype>,
): Archetype {
  const id = config.getString('id');
  if (!ID.test(id)) {
    throw new Error(
      `Invalid config '${key}.id' '${id}': expected a lowercase identifier such as node-service`,
    );
  }
  const version = readVersion(config, key);
  const builtin = builtins.get(id);
  const skeleton = config.getOptionalString('skeleton');
  const versions = new Map<string, ArchetypeVersion>();
  for (const v of builtin?.versions ?? []) versions.set(v.version, v);
  (config.getOptionalConfigArray('previousVersions') ?? []).forEach((c, i) => {
    const prev = readVersion(c, `${key}.previousVersions[${i}]`);
    versions.set(prev, { version: prev, skeleton: c.getString('skeleton') });
  });
  if (skeleton) {
    versions.set(version, { version, skeleton });
  } else if (!versions.has(version)) {
    throw new Error(
      `Invalid config '${key}.skeleton': required, because '${id}@${version}' is not a built-in archetype version`,
    );
  }
  return {
    id,
    title: config.getOptionalString('title') ?? builtin?.title ?? id,
    version,
    versions: [...versions.values()]
      .filter(v => compare(v.version, version) <= 0)
      .sort((a, b) => compare(a.version, b.version)),
  };
}

/**
 * The archetypes `golden-path:*` actions can render: the built-ins, overridden
 * and extended by `goldenPath.archetypes` in app-config.
 *
 * @public
 */
export class ArchetypeRegistry {
  private constructor(private readonly archetypes: Map<string, Archetype>) {}

  /** Reads `goldenPath.archetypes`; malformed config throws naming the key. */
  static fromConfig(config: Config): ArchetypeRegistry {
    const builtins = new Map(builtinArchetypes().map(a => [a.id, a]));
    const archetypes = new Map(builtins);
    const configured =
      config.getOptionalConfigArray('goldenPath.archetypes') ?? [];
    configured.forEach((c, i) => {
      const archetype = readArchetype(
        c,
        `goldenPath.archetypes[${i}]`,
        builtins,
      );
      archetypes.set(archetype.id, archetype);
    });
    return new ArchetypeRegistry(archetypes);
  }

  /** Builds a registry from explicit archetypes, e.g. in tests. */
  static create(archetypes: Archetype[]): ArchetypeRegistry {
    return new ArchetypeRegistry(new Map(archetypes.map(a => [a.id, a])));
  }

  /** Every archetype, built-ins first. */
  list(): Archetype[] {
    return [...this.archetypes.values()];
  }

  /** The archetype, or an InputError naming the `archetype` input. */
  get(id: string): Archetype {
    const archetype = this.archetypes.get(id);
    if (!archetype) {
      throw new InputError(
        `Invalid 'archetype' '${id}': expected one of ${[
          ...this.archetypes.keys(),
        ].join(', ')}`,
      );
    }
    return archetype;
  }

  /** One version of an archetype, or an InputError naming the field. */
  getVersion(id: string, version: string, field = 'version'): ArchetypeVersion {
    const found = this.get(id).versions.find(v => v.version === version);
    if (!found) {
      throw new InputError(
        `Invalid '${field}' '${version}': archetype '${id}' has versions ${this.get(
          id,
        )
          .versions.map(v => v.version)
          .join(', ')}`,
      );
    }
    return found;
  }
}
