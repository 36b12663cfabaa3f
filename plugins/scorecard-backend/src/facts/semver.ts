import { SemVer, parse } from 'semver';

/**
 * Parses an annotation's version (`1.2.3`, `v1.2.3`, `1.2.0-rc.1`), or
 * `undefined` when it is not a semantic version.
 *
 * @internal
 */
export function parseVersion(text: string): SemVer | undefined {
  return parse(text.trim()) ?? undefined;
}

/**
 * How far `current` is behind `latest` in semver order: a pre-release is
 * behind its release (`1.1.0-rc.1` is a patch behind `1.1.0`).
 *
 * @internal
 */
export function drift(
  current: SemVer,
  latest: SemVer,
): 'none' | 'patch' | 'minor' | 'major' {
  if (current.compare(latest) >= 0) return 'none';
  if (current.major !== latest.major) return 'major';
  if (current.minor !== latest.minor) return 'minor';
  return 'patch';
}
