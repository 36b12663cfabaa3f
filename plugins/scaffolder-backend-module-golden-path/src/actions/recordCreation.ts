import { isMap, parseDocument } from 'yaml';
import { RenderedFile } from '../types';

/** When the service was scaffolded (ISO 8601), and by which task. */
export const SCAFFOLDED_AT_ANNOTATION = 'paved-road.dev/scaffolded-at';
/** The scaffolder task that scaffolded the service. */
export const SCAFFOLDER_TASK_ID_ANNOTATION =
  'paved-road.dev/scaffolder-task-id';

/** What `golden-path:create` records about the creation of a service. */
export interface CreationRecord {
  /** ISO 8601 time of scaffolding. */
  scaffoldedAt: string;
  /** Id of the scaffolder task, when the action runs in one. */
  taskId?: string;
}

/**
 * Adds the creation annotations to catalog-info.yaml, first among the
 * annotations: far from `paved-road.dev/golden-path`, which every
 * `golden-path:upgrade` changes, so the three-way merge of an upgrade keeps
 * them without a conflict. Only `golden-path:create` calls this; the files
 * an upgrade re-renders never carry them.
 */
export function recordCreation(
  files: RenderedFile[],
  record: CreationRecord,
): RenderedFile[] {
  return files.map(file => {
    if (file.path !== 'catalog-info.yaml') return file;
    const doc = parseDocument(file.content);
    const annotations = doc.getIn(['metadata', 'annotations']);
    if (!isMap(annotations)) {
      // applyCatalogInfo always writes annotations; a skeleton without a
      // map there would already have failed validation.
      throw new Error('catalog-info.yaml has no metadata.annotations map');
    }
    const pairs = [
      doc.createPair(SCAFFOLDED_AT_ANNOTATION, record.scaffoldedAt),
      ...(record.taskId
        ? [doc.createPair(SCAFFOLDER_TASK_ID_ANNOTATION, record.taskId)]
        : []),
    ];
    annotations.items.unshift(...pairs);
    return { ...file, content: doc.toString() };
  });
}
