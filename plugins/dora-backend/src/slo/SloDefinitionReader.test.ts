import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotModifiedError } from '@backstage/errors';
import { SloDefinitionReader } from './SloDefinitionReader';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'paved-road.dev/openslo-ref': `https://git.example.com/${name}.yaml`,
    },
  },
});

describe('SloDefinitionReader', () => {
  it('reads a file again only when it changed, using its ETag', async () => {
    const files: Record<string, { etag?: string; text: string }> = {
      'https://git.example.com/a.yaml': { etag: '"v1"', text: 'first' },
      'https://git.example.com/b.yaml': { text: 'no etag' },
    };
    const asked: Array<[string, string | undefined]> = [];
    const urlReader = mockServices.urlReader.mock({
      readUrl: async (url: string, options?: { etag?: string }) => {
        asked.push([url, options?.etag]);
        const file = files[url];
        if (options?.etag && options.etag === file.etag) {
          throw new NotModifiedError('not modified');
        }
        return {
          buffer: async () => Buffer.from(file.text),
          etag: file.etag,
        } as any;
      },
    });
    const reader = SloDefinitionReader.fromConfig(new ConfigReader({}), {
      urlReader,
    });
    const text = async (name: string) => {
      const read = await reader.read(entity(name));
      return read.type === 'none' ? undefined : read.text;
    };

    expect(await text('a')).toBe('first');
    expect(await text('a')).toBe('first'); // 304: the kept text
    files['https://git.example.com/a.yaml'] = { etag: '"v2"', text: 'second' };
    expect(await text('a')).toBe('second');
    expect(await text('b')).toBe('no etag');
    expect(await text('b')).toBe('no etag');

    expect(asked).toEqual([
      ['https://git.example.com/a.yaml', undefined],
      ['https://git.example.com/a.yaml', '"v1"'],
      ['https://git.example.com/a.yaml', '"v1"'],
      ['https://git.example.com/b.yaml', undefined],
      ['https://git.example.com/b.yaml', undefined],
    ]);
  });

  it('lists the entities given definitions in app-config, in lower case', () => {
    const reader = SloDefinitionReader.fromConfig(
      new ConfigReader({
        dora: {
          slo: {
            definitions: [
              { entityRef: 'Component:default/Cart', openslo: 'x' },
            ],
          },
        },
      }),
      { urlReader: mockServices.urlReader.mock() },
    );
    expect(reader.configuredEntityRefs()).toEqual(['component:default/cart']);
  });
});
