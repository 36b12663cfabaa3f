import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityAnnotationIndex } from '@paved-road/plugin-dora-node';
import {
  GITLAB_PROJECT_ID_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from './constants';
import { GitlabProject } from './types';

/**
 * Catalog entities by GitLab project, through both annotations: a project
 * matches the entities annotated with its path or with its id.
 */
export class GitlabProjectIndex {
  private constructor(
    private readonly bySlug: EntityAnnotationIndex,
    private readonly byId: EntityAnnotationIndex,
  ) {}

  static async load(options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
  }): Promise<GitlabProjectIndex> {
    const [bySlug, byId] = await Promise.all([
      EntityAnnotationIndex.load({
        ...options,
        annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
        // Paths are case-insensitive in GitLab; a leading or trailing slash is a typo.
        normalize: value =>
          value
            .trim()
            .replace(/^\/+|\/+$/g, '')
            .toLowerCase(),
      }),
      EntityAnnotationIndex.load({
        ...options,
        annotation: GITLAB_PROJECT_ID_ANNOTATION,
      }),
    ]);
    return new GitlabProjectIndex(bySlug, byId);
  }

  /** Loads with the backend's own service credentials. */
  static async loadWith(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): Promise<GitlabProjectIndex> {
    return GitlabProjectIndex.load({
      catalog: options.catalog,
      credentials: await options.auth.getOwnServiceCredentials(),
    });
  }

  /** Lower-case entity refs of the project, sorted; empty when none. */
  entityRefs(project: GitlabProject): string[] {
    const refs = new Set([
      ...this.bySlug.lookup(project.path_with_namespace),
      ...this.byId.lookup(String(project.id)),
    ]);
    return [...refs].sort();
  }

  /** Every annotated project, as a path or a numeric id. */
  projectKeys(): string[] {
    return [...this.bySlug.values(), ...this.byId.values()];
  }
}
