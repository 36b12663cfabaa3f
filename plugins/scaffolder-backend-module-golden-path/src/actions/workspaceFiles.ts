import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { RenderedFile } from '../types';

/** Paths among `files` that already exist under `dir`. */
export async function findExistingFiles(
  dir: string,
  files: RenderedFile[],
): Promise<string[]> {
  const existing = await Promise.all(
    files.map(async f => {
      const target = resolveSafeChildPath(dir, f.path);
      const found = await fs.stat(target).then(
        () => true,
        () => false,
      );
      return found ? f.path : undefined;
    }),
  );
  return existing.filter((p): p is string => p !== undefined);
}

/** Writes the files under `dir`; shell scripts are made executable. */
export async function writeFiles(
  dir: string,
  files: RenderedFile[],
): Promise<void> {
  for (const file of files) {
    const target = resolveSafeChildPath(dir, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, {
      mode: file.path.endsWith('.sh') ? 0o755 : 0o644,
    });
  }
}
