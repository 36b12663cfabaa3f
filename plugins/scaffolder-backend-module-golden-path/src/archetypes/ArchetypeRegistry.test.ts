import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { ArchetypeRegistry } from './ArchetypeRegistry';
import { JsonValue } from '@backstage/types';

const fromConfig = (archetypes: JsonValue) =>
  ArchetypeRegistry.fromConfig(
    new ConfigReader({ goldenPath: { archetypes } }),
  );

describe('ArchetypeRegistry', () => {
  it('ships node-service and python-service with every version, the latest last', () => {
    const registry = ArchetypeRegistry.fromConfig(new ConfigReader({}));
    expect(registry.list().map(a => [a.id, a.version])).toEqual([
      ['node-service', '1.1.0'],
      ['python-service', '1.1.0'],
    ]);
    expect(registry.get('node-service').versions.map(v => v.version)).toEqual([
      '1.0.0',
      '1.1.0',
    ]);
    expect(registry.getVersion('node-service', '1.0.0').skeleton).toMatch(
      /skeletons\/node-service\/1\.0\.0$/,
    );
  });

  it('pins a built-in to an older built-in version without a skeleton', () => {
    const registry = fromConfig([{ id: 'node-service', version: '1.0.0' }]);
    expect(registry.get('node-service').version).toBe('1.0.0');
    expect(registry.get('node-service').versions.map(v => v.version)).toEqual([
      '1.0.0',
    ]);
  });

  it('adds archetypes from config with their previous versions', () => {
    const registry = fromConfig([
      {
        id: 'java-service',
        title: 'Java service',
        version: '2.0.0',
        skeleton: 'https://github.com/acme/skeletons/tree/main/java/2.0.0',
        previousVersions: [
          { version: '1.4.2', skeleton: '/srv/skeletons/java/1.4.2' },
        ],
      },
    ]);
    expect(registry.get('java-service')).toEqual({
      id: 'java-service',
      title: 'Java service',
      version: '2.0.0',
      versions: [
        { version: '1.4.2', skeleton: '/srv/skeletons/java/1.4.2' },
        {
          version: '2.0.0',
          skeleton: 'https://github.com/acme/skeletons/tree/main/java/2.0.0',
        },
      ],
    });
    expect(registry.get('node-service').version).toBe('1.1.0');
  });

  it.each([
    [
      [{ id: 'Java', version: '1.0.0', skeleton: '/x' }],
      "Invalid config 'goldenPath.archetypes[0].id' 'Java'",
    ],
    [
      [{ id: 'java', version: 'latest', skeleton: '/x' }],
      "Invalid config 'goldenPath.archetypes[0].version' 'latest'",
    ],
    [
      [{ id: 'java', version: '1.0.0' }],
      "Invalid config 'goldenPath.archetypes[0].skeleton': required",
    ],
    [
      [{ id: 'node-service', version: '9.0.0' }],
      "Invalid config 'goldenPath.archetypes[0].skeleton': required, because 'node-service@9.0.0'",
    ],
    [
      [
        {
          id: 'java',
          version: '1.0.0',
          skeleton: '/x',
          previousVersions: [{ version: 'old', skeleton: '/y' }],
        },
      ],
      "Invalid config 'goldenPath.archetypes[0].previousVersions[0].version' 'old'",
    ],
  ])(
    'fails at start-up on malformed config, naming the key (%#)',
    (archetypes, message) => {
      expect(() => fromConfig(archetypes)).toThrow(message);
    },
  );

  // Same order as the scorecard's golden-path drift (scorecard-backend
  // src/facts/semver.test.ts): numeric parts, a pre-release before its release.
  it('orders versions by semver: 1.10.0 after 1.9.0, a pre-release before its release', () => {
    const registry = fromConfig([
      {
        id: 'java',
        version: '1.10.0',
        skeleton: '/s/1.10.0',
        previousVersions: [
          { version: '1.10.0-rc.1', skeleton: '/s/rc' },
          { version: '1.9.0', skeleton: '/s/1.9.0' },
          { version: '1.2.0', skeleton: '/s/1.2.0' },
          { version: '2.0.0-beta.1', skeleton: '/s/beta' },
        ],
      },
    ]);
    expect(registry.get('java').versions.map(v => v.version)).toEqual([
      '1.2.0',
      '1.9.0',
      '1.10.0-rc.1',
      '1.10.0',
    ]);
  });

  it.each(['v1.0.0', '1.0', '1.0.0+build.1', '01.0.0', ' 1.0.0'])(
    "rejects version '%s', which would not be written as is into annotations",
    version => {
      expect(() =>
        fromConfig([{ id: 'java', version, skeleton: '/x' }]),
      ).toThrow(
        `Invalid config 'goldenPath.archetypes[0].version' '${version}': expected a semantic version such as 1.2.0`,
      );
    },
  );

  it('names the field and value of an unknown archetype or version', () => {
    const registry = ArchetypeRegistry.fromConfig(new ConfigReader({}));
    expect(() => registry.get('go-service')).toThrow(
      "Invalid 'archetype' 'go-service': expected one of node-service, python-service",
    );
    expect(() => registry.getVersion('node-service', '0.9.0')).toThrow(
      "Invalid 'version' '0.9.0': archetype 'node-service' has versions 1.0.0, 1.1.0",
    );
  });
});

describe("the example app's goldenPath config", () => {
  it('parses and names the built-ins at their latest versions, so new services are current', async () => {
    const appConfig = parse(
      await fs.readFile(
        path.resolve(__dirname, '../../../../app-config.yaml'),
        'utf8',
      ),
    );
    const registry = ArchetypeRegistry.fromConfig(new ConfigReader(appConfig));
    const builtins = ArchetypeRegistry.fromConfig(new ConfigReader({}));
    for (const { id, version } of appConfig.goldenPath.archetypes) {
      expect(registry.get(id).version).toBe(version);
      expect(version).toBe(builtins.get(id).version);
    }
  });
});
