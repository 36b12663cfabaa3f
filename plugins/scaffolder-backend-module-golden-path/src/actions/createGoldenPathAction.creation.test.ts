import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import {
  exampleInput,
  paymentsAnswers,
  renderBuiltin,
  testCreateAction,
} from '../__testUtils__/goldenPathTestUtils';
import { planUpgrade } from '../upgrade/planUpgrade';
import { examples } from './createGoldenPathAction.examples';
import {
  SCAFFOLDED_AT_ANNOTATION,
  SCAFFOLDER_TASK_ID_ANNOTATION,
  recordCreation,
} from './recordCreation';

describe('golden-path:create records when and by which task it ran', () => {
  const root = createMockDirectory();
  const workspacePath = path.join(root.path, 'workspace');
  const action = testCreateAction();
  const readAnnotations = async () =>
    parse(
      await fs.readFile(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'),
    ).metadata.annotations as Record<string, string>;

  beforeEach(async () => {
    root.clear();
    await fs.mkdir(workspacePath, { recursive: true });
  });

  afterEach(() => jest.restoreAllMocks());

  it('writes the time and the task id first among the annotations', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-02T09:00:00Z'));
    const ctx = createMockActionContext({
      input: exampleInput(examples[0]),
      workspacePath,
      task: { id: 'task-42' },
    });
    await action.handler(ctx as any);
    const annotations = await readAnnotations();
    expect(Object.entries(annotations).slice(0, 2)).toEqual([
      [SCAFFOLDED_AT_ANNOTATION, '2026-11-02T09:00:00.000Z'],
      [SCAFFOLDER_TASK_ID_ANNOTATION, 'task-42'],
    ]);
  });

  it('keeps the time of the first attempt when a task is retried', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-02T09:00:00Z'));
    const recorded: Record<string, unknown> = {
      'golden-path.scaffolded-at': '2026-11-01T08:00:00.000Z',
    };
    const ctx = {
      ...createMockActionContext({
        input: exampleInput(examples[0]),
        workspacePath,
      }),
      checkpoint: async (opts: { key: string; fn: () => unknown }) =>
        opts.key in recorded ? recorded[opts.key] : opts.fn(),
    };
    await action.handler(ctx as any);
    expect((await readAnnotations())[SCAFFOLDED_AT_ANNOTATION]).toBe(
      '2026-11-01T08:00:00.000Z',
    );
  });

  it('writes no task id outside a task', async () => {
    const { task: _task, ...ctx } = createMockActionContext({
      input: exampleInput(examples[0]),
      workspacePath,
    });
    await action.handler(ctx as any);
    const annotations = await readAnnotations();
    expect(annotations).not.toHaveProperty(SCAFFOLDER_TASK_ID_ANNOTATION);
    expect(annotations[SCAFFOLDED_AT_ANNOTATION]).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
  });

  it('survives golden-path:upgrade: the three-way merge keeps it without a conflict', async () => {
    for (const inputs of [
      paymentsAnswers.inputs,
      // No repository slug: the golden-path annotation is the last one.
      { ...paymentsAnswers.inputs, repoSlug: undefined },
    ]) {
      const base = await renderBuiltin({ ...paymentsAnswers, inputs });
      const theirs = await renderBuiltin({
        ...paymentsAnswers,
        inputs,
        version: '1.1.0',
      });
      const created = recordCreation(base, {
        scaffoldedAt: '2026-11-02T09:00:00.000Z',
        taskId: 'task-42',
      });
      const plan = planUpgrade({
        base,
        theirs,
        ours: Object.fromEntries(created.map(f => [f.path, f.content])),
        labels: { ours: 'repo', base: '1.0.0', theirs: '1.1.0' },
      });
      expect(plan.conflicts).toEqual([]);
      const merged = plan.changes.find(c => c.path === 'catalog-info.yaml');
      const annotations = parse(merged!.content!).metadata.annotations;
      expect(annotations).toMatchObject({
        [SCAFFOLDED_AT_ANNOTATION]: '2026-11-02T09:00:00.000Z',
        [SCAFFOLDER_TASK_ID_ANNOTATION]: 'task-42',
        'paved-road.dev/golden-path': 'node-service@1.1.0',
      });
    }
  });
});
