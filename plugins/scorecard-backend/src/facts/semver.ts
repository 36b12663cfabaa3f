/** A parsed `major.minor.patch` version. @internal */
export type Version = [number, number, number];

/** Parses `1.2.3` (a leading `v` and a pre-release suffix are tolerated). @internal */
export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** How far `current` is behind `latest`. @internal */
export function drift(
  current: Version,
  latest: Version,
): 'none' | 'patch' | 'minor' | 'major' {
  if (current[0] !== latest[0])
    return current[0] < latest[0] ? 'major' : 'none';
  if (current[1] !== latest[1])
    return current[1] < latest[1] ? 'minor' : 'none';
  return current[2] < latest[2] ? 'patch' : 'none';
}
