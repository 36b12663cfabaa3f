const REGEX = /^\/(.+)\/([a-z]*)$/;

/**
 * Environment names or `/regex/flags` patterns, the notation of
 * `dora.productionEnvironments` and of the providers' `environments`
 * settings. Names compare exactly.
 *
 * Patterns are compiled as given: build matchers from configuration, never
 * from request input.
 *
 * @public
 */
export class EnvironmentMatcher {
  /**
   * Parses names and patterns. An empty list or a pattern that does not
   * compile fails with `makeError`, its message prefixed with `describe`
   * (e.g. `Invalid config 'dora.providers.github.environments'`).
   */
  static parse(
    patterns: readonly string[],
    describe: string,
    makeError: (message: string) => Error,
  ): EnvironmentMatcher {
    if (patterns.length === 0) {
      throw makeError(`${describe}: expected at least one environment`);
    }
    const tests = patterns.map(pattern => {
      const regex = REGEX.exec(pattern);
      if (!regex) return (environment: string) => environment === pattern;
      let compiled: RegExp;
      try {
        compiled = new RegExp(regex[1], regex[2]);
      } catch {
        throw makeError(
          `${describe}: '${pattern}' is not a valid regular expression`,
        );
      }
      return (environment: string) => compiled.test(environment);
    });
    return new EnvironmentMatcher([...patterns], tests);
  }

  private constructor(
    /** The names and patterns, as configured. */
    readonly patterns: readonly string[],
    private readonly tests: Array<(environment: string) => boolean>,
  ) {}

  /** Whether an environment name is one of the configured ones. */
  matches(environment: string): boolean {
    return this.tests.some(test => test(environment));
  }

  /** The one environment name to ask a vendor for, when there is exactly one. */
  get singleName(): string | undefined {
    const [only, ...rest] = this.patterns;
    return rest.length === 0 && !REGEX.test(only) ? only : undefined;
  }

  /** Identifies the matchers, to notice when configuration changed. */
  get signature(): string {
    return JSON.stringify(this.patterns);
  }
}
