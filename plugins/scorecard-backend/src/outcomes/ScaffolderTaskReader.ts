import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  OutcomesTemplateFigure,
  OutcomesTemplates,
} from '@paved-road/plugin-scorecard-common';

/** The fields read of a task of `GET /api/scaffolder/v2/tasks` (scaffolder-common's ScaffolderTask). */
interface ScaffolderTask {
  id: string;
  status: string;
  createdAt: string;
  lastHeartbeatAt?: string;
  spec?: { templateInfo?: { entityRef?: string } };
}

const PAGE = 200;

/** The median of numbers, or null without any. @internal */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** Runs, outcomes and median duration per template ref. @internal */
export function templateFigures(
  tasks: ScaffolderTask[],
): OutcomesTemplateFigure[] {
  const byTemplate = new Map<string, ScaffolderTask[]>();
  for (const task of tasks) {
    const ref = task.spec?.templateInfo?.entityRef?.toLocaleLowerCase('en-US');
    if (!ref) continue;
    byTemplate.set(ref, [...(byTemplate.get(ref) ?? []), task]);
  }
  return [...byTemplate]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([templateRef, list]) => {
      const durations = list
        .filter(t => t.status === 'completed' || t.status === 'failed')
        .map(t => Date.parse(t.lastHeartbeatAt ?? '') - Date.parse(t.createdAt))
        .filter(d => Number.isFinite(d) && d >= 0);
      return {
        templateRef,
        runs: list.length,
        succeeded: list.filter(t => t.status === 'completed').length,
        failed: list.filter(t => t.status === 'failed').length,
        medianDurationMs: median(durations),
      };
    });
}

/**
 * Reads the scaffolder's task list (`GET {scaffolder}/v2/tasks`, newest
 * first) on behalf of the caller, so it sees only the tasks the caller may
 * read, at most `maxTasks` of them.
 *
 * @internal
 */
export class ScaffolderTaskReader {
  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      maxTasks: number;
    },
  ) {}

  async read(credentials: BackstageCredentials): Promise<OutcomesTemplates> {
    const { auth, discovery, maxTasks } = this.options;
    const baseUrl = await discovery.getBaseUrl('scaffolder');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'scaffolder',
    });
    const tasks: ScaffolderTask[] = [];
    let total: number | undefined;
    while (tasks.length < maxTasks) {
      const limit = Math.min(PAGE, maxTasks - tasks.length);
      const query = new URLSearchParams({
        order: 'desc:created_at',
        limit: String(limit),
        offset: String(tasks.length),
      });
      const res = await fetch(`${baseUrl}/v2/tasks?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await ResponseError.fromResponse(res);
      const body = (await res.json()) as {
        tasks?: ScaffolderTask[];
        totalTasks?: number;
      };
      const page = (body.tasks ?? []).slice(0, limit);
      total = body.totalTasks;
      tasks.push(...page);
      if (page.length < limit) break;
    }
    return {
      items: templateFigures(tasks),
      tasksRead: tasks.length,
      truncated:
        tasks.length >= maxTasks && (total === undefined || total > maxTasks),
    };
  }
}
