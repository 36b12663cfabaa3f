import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { SkeletonReader } from './SkeletonReader';

describe('SkeletonReader', () => {
  const dir = createMockDirectory({
    content: {
      'catalog-info.yaml': 'kind: Component',
      'docs/index.md': '# ${{ values.name }}',
    },
  });

  it('reads a local folder, sorted by path', async () => {
    await expect(SkeletonReader.create({}).read(dir.path)).resolves.toEqual([
      { path: 'catalog-info.yaml', content: 'kind: Component' },
      { path: 'docs/index.md', content: '# ${{ values.name }}' },
    ]);
  });

  it('reads a URL through the UrlReader', async () => {
    const url = 'https://github.com/acme/skeletons/tree/main/java/2.0.0';
    const reader = mockServices.urlReader.mock();
    reader.readTree.mockResolvedValue({
      etag: 'e',
      files: async () => [
        { path: 'slo.yaml', content: async () => Buffer.from('kind: SLO') },
        {
          path: 'catalog-info.yaml',
          content: async () => Buffer.from('kind: Component'),
        },
      ],
      archive: jest.fn(),
      dir: jest.fn(),
    } as any);
    await expect(SkeletonReader.create({ reader }).read(url)).resolves.toEqual([
      { path: 'catalog-info.yaml', content: 'kind: Component' },
      { path: 'slo.yaml', content: 'kind: SLO' },
    ]);
    expect(reader.readTree).toHaveBeenCalledWith(url);
  });

  it('names a missing folder', async () => {
    await expect(
      SkeletonReader.create({}).read(dir.resolve('nope')),
    ).rejects.toThrow(/Cannot read skeleton folder '.*nope'/);
  });
});
