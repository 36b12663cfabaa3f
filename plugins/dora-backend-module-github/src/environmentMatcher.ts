/**
 * Compiles environment names or `/regex/flags` patterns, the syntax of
 * `dora.productionEnvironments`, into a test. Names compare exactly, as the
 * DORA backend compares them.
 *
 * @public
 */
export function createEnvironmentMatcher(
  patterns: string[],
): (environment: string) => boolean {
  const tests = patterns.map(pattern => {
    const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
    if (!regex) return (environment: string) => environment === pattern;
    let compiled: RegExp;
    try {
      compiled = new RegExp(regex[1], regex[2]);
    } catch {
      throw new Error(`'${pattern}' is not a valid regular expression`);
    }
    return (environment: string) => compiled.test(environment);
  });
  return environment => tests.some(test => test(environment));
}
