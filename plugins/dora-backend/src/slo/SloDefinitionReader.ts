import {
  UrlReaderService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  getEntitySourceLocation,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import fs from 'node:fs/promises';
import path from 'node:path';

const FILE_CACHE_SIZE = 5000;

/** The annotation that points at an entity's OpenSLO file. */
export const OPENSLO_REF_ANNOTATION = 'paved-road.dev/openslo-ref';

/** Where an entity's SLO definitions were found, and their text. */
export type SloDefinitionSource =
  | { type: 'annotation'; location: string; text: string }
  | { type: 'config'; location: string; text: string }
  | { type: 'none' };

/**
 * Finds the OpenSLO text of an entity: the file named by
 * `paved-road.dev/openslo-ref` (a URL, or a path relative to the entity's
 * source location, read through the UrlReader), else the definitions given
 * for it in app-config under `dora.slo.definitions`.
 */
export class SloDefinitionReader {
  // Files by URL with their ETag: the scheduled refresh reads every file
  // every few minutes, and a conditional read answered "not modified" costs
  // no transfer and, on GitHub, no rate limit.
  private readonly files = new Map<string, { etag: string; text: string }>();

  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly configured: Map<string, string>,
  ) {}

  static fromConfig(config: Config, options: { urlReader: UrlReaderService }) {
    const configured = new Map<string, string>();
    const list = config.getOptionalConfigArray('dora.slo.definitions') ?? [];
    list.forEach(item => {
      configured.set(
        item.getString('entityRef').toLocaleLowerCase('en-US'),
        item.getString('openslo'),
      );
    });
    return new SloDefinitionReader(options.urlReader, configured);
  }

  /** Entity refs (lower case) given definitions under `dora.slo.definitions`. */
  configuredEntityRefs(): string[] {
    return [...this.configured.keys()];
  }

  async read(entity: Entity): Promise<SloDefinitionSource> {
    const ref = entity.metadata.annotations?.[OPENSLO_REF_ANNOTATION];
    if (ref) {
      return this.readAnnotation(entity, ref);
    }
    const key = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const text = this.configured.get(key);
    return text
      ? { type: 'config', location: 'app-config: dora.slo.definitions', text }
      : { type: 'none' };
  }

  private async readAnnotation(
    entity: Entity,
    ref: string,
  ): Promise<SloDefinitionSource> {
    if (/^https?:\/\//.test(ref)) {
      return {
        type: 'annotation',
        location: ref,
        text: await this.readUrl(ref),
      };
    }
    const source = getEntitySourceLocation(entity);
    if (source.type === 'url') {
      const location = new URL(ref, source.target).toString();
      return {
        type: 'annotation',
        location,
        text: await this.readUrl(location),
      };
    }
    if (source.type === 'file') {
      // Local catalog files: only files next to (or below) the entity's file.
      const location = resolveSafeChildPath(path.dirname(source.target), ref);
      return {
        type: 'annotation',
        location,
        text: await fs.readFile(location, 'utf8'),
      };
    }
    throw new Error(
      `Cannot resolve '${OPENSLO_REF_ANNOTATION}: ${ref}' against a '${source.type}' source location`,
    );
  }

  private async readUrl(url: string): Promise<string> {
    const cached = this.files.get(url);
    let response;
    try {
      response = await this.urlReader.readUrl(
        url,
        cached ? { etag: cached.etag } : undefined,
      );
    } catch (e) {
      if (cached && (e as Error)?.name === 'NotModifiedError') {
        return cached.text;
      }
      throw e;
    }
    const text = (await response.buffer()).toString('utf8');
    this.files.delete(url);
    if (response.etag) {
      if (this.files.size >= FILE_CACHE_SIZE) {
        this.files.delete(this.files.keys().next().value!);
      }
      this.files.set(url, { etag: response.etag, text });
    }
    return text;
  }
}
