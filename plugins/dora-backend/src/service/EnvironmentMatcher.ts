/**
 * Environment names or `/regex/flags` patterns, as in
 * `dora.productionEnvironments` or the `environment` query parameter.
 *
 * @internal
 */
export class EnvironmentMatcher {
  /** Parses matchers; `describe` names the setting in error messages. */
  static parse(
    patterns: string[],
    describe: string,
    makeError: (message: string) => Error,
  ): EnvironmentMatcher {
    if (patterns.length === 0) {
      throw makeError(`${describe}: expected at least one environment`);
    }
    const tests = patterns.map(pattern => {
      const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
      if (!regex) return (env: string) => env === pattern;
      try {
        const compiled = new RegExp(regex[1], regex[2]);
        return (env: string) => compiled.test(env);
      } catch (e) {
        throw makeError(
          `${describe}: '${pattern}' is not a valid regular expression`,
        );
      }
    });
    return new EnvironmentMatcher(patterns, tests);
  }

  private constructor(
    readonly patterns: string[],
    private readonly tests: Array<(env: string) => boolean>,
  ) {}

  matches(environment: string): boolean {
    return this.tests.some(test => test(environment));
  }

  /** Identifies the matchers, to notice when configuration changed. */
  get signature(): string {
    return JSON.stringify(this.patterns);
  }
}
