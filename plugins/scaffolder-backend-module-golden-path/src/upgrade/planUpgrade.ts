import { mergeDiff3 } from 'node-diff3';
import { RenderedFile } from '../types';

/**
 * One change of an upgrade: new content, or `null` to delete the file.
 *
 * @internal
 */
export type FileChange = { path: string; content: string | null };

/**
 * What an upgrade does to each golden-path file.
 *
 * @internal
 */
export interface UpgradePlan {
  changes: FileChange[];
  /** Untouched by the team: replaced by the new render. */
  updated: string[];
  /** New in the new version. */
  added: string[];
  /** Dropped by the new version and untouched by the team. */
  removed: string[];
  /** Changed by the team and merged three-way without conflict. */
  merged: string[];
  /** Changed by the team where the new version changes the same lines. */
  conflicts: string[];
  /** Left as the team has it (deleted by the team, or changed and dropped upstream). */
  kept: string[];
}

/**
 * Options of {@link planUpgrade}.
 *
 * @internal
 */
export interface PlanUpgradeOptions {
  /** Render at the recorded answers and the old version. */
  base: RenderedFile[];
  /** Render at the new version. */
  theirs: RenderedFile[];
  /** The repository's current content of each path; undefined when absent. */
  ours: Record<string, string | undefined>;
  /** Conflict marker labels. */
  labels: { ours: string; base: string; theirs: string };
}

function merge3(
  ours: string,
  base: string,
  theirs: string,
  labels: PlanUpgradeOptions['labels'],
): { clean: boolean; content: string } {
  const { conflict, result } = mergeDiff3(
    ours.split('\n'),
    base.split('\n'),
    theirs.split('\n'),
    { label: { a: labels.ours, o: labels.base, b: labels.theirs } },
  );
  return { clean: !conflict, content: result.join('\n') };
}

/**
 * Plans an upgrade file by file: files the team has not changed take the new
 * render; files the team changed are merged three-way (base = old render,
 * ours = repository, theirs = new render) and conflicts keep diff3 markers.
 * Nothing the team changed is overwritten without a merge.
 *
 * @internal
 */
export function planUpgrade(options: PlanUpgradeOptions): UpgradePlan {
  const base = new Map(options.base.map(f => [f.path, f.content]));
  const theirs = new Map(options.theirs.map(f => [f.path, f.content]));
  const plan: UpgradePlan = {
    changes: [],
    updated: [],
    added: [],
    removed: [],
    merged: [],
    conflicts: [],
    kept: [],
  };
  const paths = [...new Set([...base.keys(), ...theirs.keys()])].sort();
  for (const path of paths) {
    const b = base.get(path);
    const t = theirs.get(path);
    const o = options.ours[path];
    if (o === t) continue;
    if (t === undefined) {
      if (o !== undefined && o === b) {
        plan.changes.push({ path, content: null });
        plan.removed.push(path);
      } else if (o !== undefined) {
        plan.kept.push(path);
      }
    } else if (o === undefined) {
      if (b === undefined) {
        plan.changes.push({ path, content: t });
        plan.added.push(path);
      } else if (b !== t) {
        plan.kept.push(path);
      }
    } else if (o === b) {
      plan.changes.push({ path, content: t });
      plan.updated.push(path);
    } else {
      const result = merge3(o, b ?? '', t, options.labels);
      if (result.clean && result.content === o) continue;
      plan.changes.push({ path, content: result.content });
      (result.clean ? plan.merged : plan.conflicts).push(path);
    }
  }
  return plan;
}
