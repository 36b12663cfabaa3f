import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { RenderedFile } from '../types';

async function listFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), {
    withFileTypes: true,
  });
  const nested = await Promise.all(
    entries.map(async entry => {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(root, relative);
      // Symbolic links could point outside the skeleton: only plain files count.
      return entry.isFile() ? [relative] : [];
    }),
  );
  return nested.flat();
}

/**
 * Reads the template files of a skeleton, from a local folder or a URL.
 *
 * @public
 */
export class SkeletonReader {
  private constructor(private readonly reader?: UrlReaderService) {}

  /** A reader for folders and, when `reader` is given, URLs. */
  static create(options: { reader?: UrlReaderService }): SkeletonReader {
    return new SkeletonReader(options.reader);
  }

  /** Every file of the skeleton with its unrendered content, sorted by path. */
  async read(location: string): Promise<RenderedFile[]> {
    const files = /^https?:\/\//.test(location)
      ? await this.readUrl(location)
      : await this.readFolder(path.resolve(location));
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }

  private async readFolder(root: string): Promise<RenderedFile[]> {
    const paths = await listFiles(root).catch(error => {
      throw new InputError(`Cannot read skeleton folder '${root}': ${error}`);
    });
    return Promise.all(
      paths.map(async p => ({
        path: p,
        content: await fs.readFile(path.join(root, p), 'utf8'),
      })),
    );
  }

  private async readUrl(url: string): Promise<RenderedFile[]> {
    if (!this.reader) {
      throw new InputError(
        `Cannot read skeleton '${url}': no UrlReader configured`,
      );
    }
    const tree = await this.reader.readTree(url);
    const files = await tree.files();
    return Promise.all(
      files.map(async f => ({
        path: f.path,
        content: (await f.content()).toString('utf8'),
      })),
    );
  }
}
