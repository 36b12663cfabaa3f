/**
 * GitLab environment names or `/regex/flags` patterns, the same notation as
 * `dora.productionEnvironments`: which deployments the provider ingests.
 *
 * @public
 */
export class EnvironmentFilter {
  /** `invalid` builds the error for a pattern that does not compile. */
  static parse(
    patterns: string[],
    invalid: (message: string) => Error,
  ): EnvironmentFilter {
    if (patterns.length === 0) {
      throw invalid('expected at least one environment');
    }
    const tests = patterns.map(pattern => {
      const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
      if (!regex) return (env: string) => env === pattern;
      try {
        const compiled = new RegExp(regex[1], regex[2]);
        return (env: string) => compiled.test(env);
      } catch {
        throw invalid(`'${pattern}' is not a valid regular expression`);
      }
    });
    return new EnvironmentFilter(patterns, tests);
  }

  private constructor(
    /** The names and patterns, as configured. */
    readonly patterns: readonly string[],
    private readonly tests: Array<(env: string) => boolean>,
  ) {}

  /** Whether a GitLab environment name is one to ingest. */
  matches(environment: string): boolean {
    return this.tests.some(test => test(environment));
  }

  /** The one environment name to ask GitLab for, when there is exactly one. */
  get singleName(): string | undefined {
    const [only, ...rest] = this.patterns;
    return rest.length === 0 && !/^\/.+\/[a-z]*$/.test(only) ? only : undefined;
  }
}
