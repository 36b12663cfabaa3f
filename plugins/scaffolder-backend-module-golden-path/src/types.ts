/**
 * One version of an archetype: where its skeleton lives.
 *
 * @public
 */
export interface ArchetypeVersion {
  /** Semantic version written into `paved-road.dev/golden-path`. */
  version: string;
  /** A folder on the backend's file system, or a URL read through the UrlReader. */
  skeleton: string;
}

/**
 * A golden-path archetype: a kind of service with its skeleton per version.
 *
 * @public
 */
export interface Archetype {
  /** Identifier used in the `archetype` input, e.g. `node-service`. */
  id: string;
  /** Human-readable title. */
  title: string;
  /** Latest version; new services are scaffolded at it. */
  version: string;
  /** Every known version, the latest included, so older renders stay reproducible. */
  versions: ArchetypeVersion[];
}

/**
 * The CI systems a golden-path service can be built by.
 *
 * @public
 */
export type CiProvider = 'github-actions' | 'gitlab-ci';

/**
 * The answers a service was scaffolded with, as recorded in `.paved-road/answers.yaml`.
 *
 * @public
 */
export interface GoldenPathInputs {
  name: string;
  owner: string;
  description?: string;
  system?: string;
  lifecycle: string;
  repoSlug?: string;
  ciProvider: CiProvider;
  /** Availability objective in percent, e.g. 99.9. */
  slo: number;
  pagerdutyServiceId?: string;
}

/**
 * The content of `.paved-road/answers.yaml`.
 *
 * @public
 */
export interface GoldenPathAnswers {
  archetype: string;
  version: string;
  inputs: GoldenPathInputs;
  /** Entity ref of the template the service was scaffolded from, if any. */
  scaffoldedFrom?: string;
}

/**
 * One file of a rendered golden path, path relative to the service root.
 *
 * @public
 */
export type RenderedFile = {
  path: string;
  content: string;
};
