import { drift, parseVersion } from './semver';

const v = (text: string) => {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`test version '${text}' does not parse`);
  return parsed;
};

// The golden-path module orders archetype versions the same way
// (ArchetypeRegistry.test.ts); both use the `semver` package.
describe('semver', () => {
  it('compares numerically, not as text', () => {
    expect(drift(v('1.9.0'), v('1.10.0'))).toBe('minor');
    expect(drift(v('1.10.0'), v('1.9.0'))).toBe('none');
    expect(drift(v('1.2.9'), v('1.2.10'))).toBe('patch');
    expect(drift(v('9.0.0'), v('10.0.0'))).toBe('major');
  });

  it('puts a pre-release before its release', () => {
    expect(drift(v('1.1.0-rc.1'), v('1.1.0'))).toBe('patch');
    expect(drift(v('1.1.0-rc.1'), v('1.1.0-rc.2'))).toBe('patch');
    expect(drift(v('1.1.0'), v('1.1.0-rc.1'))).toBe('none');
    expect(drift(v('2.0.0-beta.1'), v('2.0.0'))).toBe('patch');
    expect(drift(v('1.9.0'), v('2.0.0-beta.1'))).toBe('major');
  });

  it('tolerates a leading v and surrounding spaces; rejects what is not semver', () => {
    expect(parseVersion(' v1.2.3 ')?.version).toBe('1.2.3');
    expect(parseVersion('1.2.3+build.5')?.version).toBe('1.2.3');
    for (const bad of ['latest', '1.2', '1.x', '01.2.3', '']) {
      expect(parseVersion(bad)).toBeUndefined();
    }
  });
});
