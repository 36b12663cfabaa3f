import { EnvironmentMatcher } from './EnvironmentMatcher';

const parse = (patterns: string[]) =>
  EnvironmentMatcher.parse(
    patterns,
    "Invalid config 'x.environments'",
    message => new Error(message),
  );

describe('EnvironmentMatcher', () => {
  it('compares names exactly and patterns as regular expressions', () => {
    const matcher = parse(['production', '/^prod-[a-z]+$/i']);
    expect(matcher.matches('production')).toBe(true);
    expect(matcher.matches('Production')).toBe(false);
    expect(matcher.matches('PROD-eu')).toBe(true);
    expect(matcher.matches('staging')).toBe(false);
    expect(matcher.patterns).toEqual(['production', '/^prod-[a-z]+$/i']);
    expect(matcher.signature).toBe('["production","/^prod-[a-z]+$/i"]');
  });

  it('names the one environment to ask a vendor for, when there is one name', () => {
    expect(parse(['live']).singleName).toBe('live');
    expect(parse(['live', 'prod']).singleName).toBeUndefined();
    expect(parse(['/^live$/']).singleName).toBeUndefined();
  });

  it('fails naming the setting for an empty list or a broken pattern', () => {
    expect(() => parse([])).toThrow(
      "Invalid config 'x.environments': expected at least one environment",
    );
    expect(() => parse(['/(/'])).toThrow(
      "Invalid config 'x.environments': '/(/' is not a valid regular expression",
    );
  });
});
