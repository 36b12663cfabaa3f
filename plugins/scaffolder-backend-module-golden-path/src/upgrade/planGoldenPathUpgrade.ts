import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { ANSWERS_PATH, renderGoldenPath } from '../render/renderGoldenPath';
import { GoldenPathAnswers, RenderedFile } from '../types';
import { parseAnswers } from './parseAnswers';
import { planUpgrade, UpgradePlan } from './planUpgrade';

/** Options of {@link planGoldenPathUpgrade}. */
export interface PlanGoldenPathUpgradeOptions {
  archetypes: ArchetypeRegistry;
  skeletons: SkeletonReader;
  backstageBaseUrl: string;
  checkpoint: ActionContext<any>['checkpoint'];
  /** Reads a file of the repository relative to the golden-path root. */
  readRepoFile(path: string): Promise<string | undefined>;
  /** Names the repository and branch in errors. */
  where: string;
  /** Version to upgrade to; the archetype's latest when absent. */
  version?: string;
}

/**
 * Reads the recorded answers, renders the old and the new version and plans
 * the three-way upgrade of every golden-path file. External reads run inside
 * checkpoints so a retried task does not repeat them.
 */
export async function planGoldenPathUpgrade(
  options: PlanGoldenPathUpgradeOptions,
): Promise<{
  plan: UpgradePlan;
  answers: GoldenPathAnswers;
  toVersion: string;
}> {
  const { archetypes, skeletons, checkpoint } = options;
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

  const render = async (version: string, skeleton: string) =>
    renderGoldenPath({
      templates: await checkpoint({
        key: `golden-path.skeleton.${archetype.id}@${version}`,
        fn: () => skeletons.read(skeleton),
      }),
      answers: { ...answers, version },
      backstageBaseUrl: options.backstageBaseUrl,
    });
  const base: RenderedFile[] = await render(from.version, from.skeleton);
  const theirs: RenderedFile[] = await render(to.version, to.skeleton);

  const paths = [...new Set([...base, ...theirs].map(f => f.path))];
  const ours = await checkpoint({
    key: `golden-path.upgrade.ours.${toVersion}`,
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
      base: `${archetype.id}@${from.version}`,
      theirs: `${archetype.id}@${to.version}`,
    },
  });
  return { plan, answers, toVersion };
}
