import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { ANSWERS_PATH, renderGoldenPath } from '../render/renderGoldenPath';
import { ArchetypeVersion, GoldenPathAnswers, RenderedFile } from '../types';
import { parseAnswers } from './parseAnswers';
import { planUpgrade, UpgradePlan } from './planUpgrade';

/** Runs an external call once per task (the scaffolder's checkpoint). */
export type Checkpoint = ActionContext<any>['checkpoint'];

/** Runs `fn` directly: outside a scaffolder task there is nothing to resume. */
export const noCheckpoint: Checkpoint = async options => options.fn();

/** Options of {@link readUpgradeTarget}. */
export interface ReadUpgradeTargetOptions {
  archetypes: ArchetypeRegistry;
  checkpoint: Checkpoint;
  /** Reads a file of the repository relative to the golden-path root. */
  readRepoFile(path: string): Promise<string | undefined>;
  /** Names the repository and branch in errors. */
  where: string;
  /** Version to upgrade to; the archetype's latest when absent. */
  version?: string;
}

/** The recorded answers and the two versions an upgrade goes between. */
export interface UpgradeTarget {
  answers: GoldenPathAnswers;
  from: ArchetypeVersion;
  to: ArchetypeVersion;
}

/**
 * Reads and validates `.paved-road/answers.yaml` and resolves the version to
 * upgrade to, refusing a downgrade.
 */
export async function readUpgradeTarget(
  options: ReadUpgradeTargetOptions,
): Promise<UpgradeTarget> {
  const { archetypes, checkpoint } = options;
  const answersText = await checkpoint({
    key: 'golden-path.upgrade.answers',
    fn: async () => (await options.readRepoFile(ANSWERS_PATH)) ?? null,
  });
  if (answersText === null) {
    throw new InputError(
      `No '${ANSWERS_PATH}' in ${options.where}: was it scaffolded by golden-path:create?`,
    );
  }
  const answers = parseAnswers(
    answersText,
    `${ANSWERS_PATH} in ${options.where}`,
  );
  const archetype = archetypes.get(answers.archetype);
  const toVersion = options.version ?? archetype.version;
  const from = archetypes.getVersion(
    archetype.id,
    answers.version,
    'answers.version',
  );
  const to = archetypes.getVersion(archetype.id, toVersion, 'version');
  const order = archetype.versions.map(v => v.version);
  if (order.indexOf(to.version) < order.indexOf(from.version)) {
    throw new InputError(
      `Invalid 'version' '${toVersion}': older than the recorded version ${answers.version}`,
    );
  }
  return { answers, from, to };
}

/** Options of {@link planGoldenPathUpgrade}. */
export interface PlanGoldenPathUpgradeOptions {
  target: UpgradeTarget;
  skeletons: SkeletonReader;
  backstageBaseUrl: string;
  checkpoint: Checkpoint;
  /** Reads a file of the repository relative to the golden-path root. */
  readRepoFile(path: string): Promise<string | undefined>;
}

/**
 * Renders the old and the new version with the recorded answers and plans
 * the three-way upgrade of every golden-path file. External reads run inside
 * checkpoints so a retried task does not repeat them.
 */
export async function planGoldenPathUpgrade(
  options: PlanGoldenPathUpgradeOptions,
): Promise<{ plan: UpgradePlan; ours: Record<string, string | null> }> {
  const { skeletons, checkpoint } = options;
  const { answers, from, to } = options.target;
  const render = async (version: ArchetypeVersion) =>
    renderGoldenPath({
      templates: await checkpoint({
        key: `golden-path.skeleton.${answers.archetype}@${version.version}`,
        fn: () => skeletons.read(version.skeleton),
      }),
      answers: { ...answers, version: version.version },
      backstageBaseUrl: options.backstageBaseUrl,
    });
  const base: RenderedFile[] = await render(from);
  const theirs: RenderedFile[] = await render(to);

  const paths = [...new Set([...base, ...theirs].map(f => f.path))];
  const ours = await checkpoint({
    key: `golden-path.upgrade.ours.${to.version}`,
    fn: async () => {
      const contents = await Promise.all(
        paths.map(p => options.readRepoFile(p)),
      );
      return Object.fromEntries(paths.map((p, i) => [p, contents[i] ?? null]));
    },
  });
  const plan = planUpgrade({
    base,
    theirs,
    ours: Object.fromEntries(
      Object.entries(ours).map(([p, c]) => [p, c ?? undefined]),
    ),
    labels: {
      ours: 'yours',
      base: `${answers.archetype}@${from.version}`,
      theirs: `${answers.archetype}@${to.version}`,
    },
  });
  return { plan, ours };
}
