import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { createGoldenPathAction } from './createGoldenPathAction';
import { examples } from './createGoldenPathAction.examples';

describe('golden-path:create', () => {
  const workspace = createMockDirectory();
  const action = createGoldenPathAction({ goldenPathVersion: '1.2.0' });

  beforeEach(() => workspace.clear());

  it.each(examples.map(e => [e.description, e]))(
    'runs the example: %s',
    async (_description, example) => {
      const input = parse(example.example).steps[0].input;
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
      });

      await action.handler(ctx);

      const written = parse(
        await fs.readFile(`${workspace.path}/catalog-info.yaml`, 'utf8'),
      );
      expect(written.metadata.name).toBe(input.name);
      expect(written.spec.owner).toBe(input.owner);
      expect(written.metadata.annotations).toMatchObject({
        'paved-road.dev/golden-path': `${input.archetype}@1.2.0`,
        'github.com/project-slug': input.repoSlug,
      });
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        `component:default/${input.name}`,
      );
    },
  );

  it('rejects a name that is not a DNS label, naming the field', async () => {
    const ctx = createMockActionContext({
      input: { name: 'Payments_Service', owner: 'group:default/team-a', archetype: 'node-service', targetPath: '.' },
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /Invalid 'name' 'Payments_Service'/,
    );
  });

  it('rejects a target path outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { name: 'payments', owner: 'group:default/team-a', archetype: 'node-service', targetPath: '../escape' },
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /outside|not allowed|Relative path/i,
    );
  });
});
