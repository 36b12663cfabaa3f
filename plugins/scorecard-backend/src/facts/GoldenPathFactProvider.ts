import { Config } from '@backstage/config';
import {
  ScorecardFactBatch,
  ScorecardFactProvider,
  ScorecardFactRequest,
  ScorecardFactValues,
} from '@paved-road/plugin-scorecard-node';
import { drift, parseVersion } from './semver';

/** The annotation the golden-path action writes. @internal */
export const GOLDEN_PATH_ANNOTATION = 'paved-road.dev/golden-path';

/**
 * Latest versions of the archetypes built into the golden-path scaffolder
 * module, used when `goldenPath.archetypes` does not list them.
 *
 * @internal
 */
export const BUILT_IN_ARCHETYPE_VERSIONS: Record<string, string> = {
  'node-service': '1.1.0',
  'python-service': '1.1.0',
};

/** Latest version assumed for archetypes neither configured nor built in. @internal */
export const DEFAULT_GOLDEN_PATH_VERSION = '1.0.0';

/**
 * Built-in provider `golden-path`, from the
 * `paved-road.dev/golden-path: <archetype>@<semver>` annotation. Facts:
 * `archetype`, `version`, `latestVersion` (from `goldenPath.archetypes[]`,
 * the golden-path module's config, else the built-in archetypes' versions,
 * else 1.0.0), `current` (true when not behind),
 * `drift` (`none` | `patch` | `minor` | `major`) and `majorsBehind`. An
 * entity without the annotation has none of them.
 *
 * @internal
 */
export class GoldenPathFactProvider implements ScorecardFactProvider {
  readonly id = 'golden-path';

  static fromConfig(config: Config): GoldenPathFactProvider {
    const fallback = DEFAULT_GOLDEN_PATH_VERSION;
    const latest = new Map(Object.entries(BUILT_IN_ARCHETYPE_VERSIONS));
    for (const archetype of config.getOptionalConfigArray(
      'goldenPath.archetypes',
    ) ?? []) {
      const version = archetype.getOptionalString('version');
      if (version) latest.set(archetype.getString('id'), version);
    }
    return new GoldenPathFactProvider(latest, fallback);
  }

  private constructor(
    private readonly latest: Map<string, string>,
    private readonly fallback: string,
  ) {}

  /** Facts per annotation value: few distinct values, shared and never mutated. */
  private readonly byAnnotation = new Map<string, ScorecardFactValues>();
  private static readonly NONE: ScorecardFactValues = Object.freeze({});

  async loadFacts(request: ScorecardFactRequest): Promise<ScorecardFactBatch> {
    const batch: ScorecardFactBatch = new Map();
    request.entities.forEach((entity, i) => {
      const annotation = entity.metadata.annotations?.[GOLDEN_PATH_ANNOTATION];
      batch.set(
        request.entityRefs[i],
        annotation ? this.factsOf(annotation) : GoldenPathFactProvider.NONE,
      );
    });
    return batch;
  }

  private factsOf(annotation: string): ScorecardFactValues {
    const cached = this.byAnnotation.get(annotation);
    if (cached) return cached;
    const at = annotation.lastIndexOf('@');
    const archetype = at > 0 ? annotation.slice(0, at) : annotation;
    const versionText = at > 0 ? annotation.slice(at + 1) : undefined;
    const latestVersion = this.latest.get(archetype) ?? this.fallback;
    const version = versionText ? parseVersion(versionText) : undefined;
    const latest = parseVersion(latestVersion);
    const d = version && latest ? drift(version, latest) : undefined;
    const facts = Object.freeze({
      archetype,
      version: versionText,
      latestVersion,
      drift: d,
      current: d === undefined ? undefined : d === 'none',
      majorsBehind:
        version && latest
          ? Math.max(0, latest.major - version.major)
          : undefined,
    });
    if (this.byAnnotation.size < 10_000)
      this.byAnnotation.set(annotation, facts);
    return facts;
  }
}
