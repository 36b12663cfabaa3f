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
  /** Component name, a lowercase DNS label. */
  name: string;
  /** Owner's full entity ref. */
  owner: string;
  /** One line describing the service. */
  description?: string;
  /** Entity ref of the system. */
  system?: string;
  /** Catalog lifecycle. */
  lifecycle: string;
  /** Repository as `owner/name` or `group/project`. */
  repoSlug?: string;
  /** CI system the pipeline is written for. */
  ciProvider: CiProvider;
  /** Availability objective in percent, e.g. 99.9. */
  slo: number;
  /** PagerDuty service id. */
  pagerdutyServiceId?: string;
}

/**
 * The content of `.paved-road/answers.yaml`.
 *
 * @public
 */
export interface GoldenPathAnswers {
  /** Archetype id. */
  archetype: string;
  /** Archetype version the files were rendered at. */
  version: string;
  /** The inputs, with defaults applied. */
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
  /** Path relative to the service root, with `/` separators. */
  path: string;
  /** Text content. */
  content: string;
};
