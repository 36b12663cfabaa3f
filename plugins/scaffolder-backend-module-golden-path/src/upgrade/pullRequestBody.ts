import { UpgradePlan } from './planUpgrade';

function section(title: string, paths: string[], note?: string): string[] {
  if (paths.length === 0) return [];
  return [
    `### ${title}`,
    '',
    ...(note ? [note, ''] : []),
    ...paths.map(p => `- \`${p}\``),
    '',
  ];
}

/** The pull request's description: what changed per file and what to resolve. */
export function pullRequestBody(options: {
  archetype: string;
  fromVersion: string;
  toVersion: string;
  plan: UpgradePlan;
}): string {
  const { archetype, fromVersion, toVersion, plan } = options;
  return [
    `Upgrades the \`${archetype}\` golden path from ${fromVersion} to ${toVersion}.`,
    '',
    'Files you changed since scaffolding were merged three-way (base: the golden path at ' +
      `${fromVersion} with your recorded answers; yours: this repository; theirs: ${toVersion}).`,
    '',
    ...section(
      'Conflicts to resolve',
      plan.conflicts,
      'These files carry diff3 conflict markers (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>`). ' +
        'Resolve them before merging.',
    ),
    ...section('Merged with your changes', plan.merged),
    ...section('Updated', plan.updated),
    ...section('Added', plan.added),
    ...section('Removed', plan.removed),
    ...section(
      'Kept as you have them',
      plan.kept,
      'You deleted or changed these files and the new version drops or changes them: review by hand.',
    ),
  ].join('\n');
}
