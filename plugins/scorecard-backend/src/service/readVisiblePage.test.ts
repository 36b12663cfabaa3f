import { readVisiblePage } from './readVisiblePage';

/** 26 rows `a`..`z`; the caller sees only `visible`. */
function source(visibleRefs: string) {
  const rows = 'abcdefghijklmnopqrstuvwxyz'
    .split('')
    .map(entityRef => ({ entityRef }));
  const fetched: number[] = [];
  return {
    fetched,
    fetch: async (after: string | undefined, limit: number) => {
      fetched.push(limit);
      return rows.filter(r => !after || r.entityRef > after).slice(0, limit);
    },
    visible: async (refs: string[]) =>
      new Set(refs.filter(r => visibleRefs.includes(r))),
  };
}

async function pageThrough(visibleRefs: string, limit: number) {
  const src = source(visibleRefs);
  const pages: Array<{ items: string[]; next: string | null }> = [];
  let after: string | undefined;
  do {
    const page = await readVisiblePage({ ...src, after, limit });
    pages.push({ items: page.items.map(r => r.entityRef), next: page.next });
    after = page.next ?? undefined;
  } while (after && pages.length < 30);
  return pages;
}

describe('readVisiblePage', () => {
  it('fills pages with visible rows only and points cursors at them', async () => {
    expect(await pageThrough('bmz', 1)).toEqual([
      { items: ['b'], next: 'b' },
      { items: ['m'], next: 'm' },
      { items: ['z'], next: null },
    ]);
    expect(await pageThrough('bcmz', 2)).toEqual([
      { items: ['b', 'c'], next: 'c' },
      { items: ['m', 'z'], next: null },
    ]);
  });

  it('ends with a null cursor when no visible row follows, even on a full page', async () => {
    expect(await pageThrough('ab', 2)).toEqual([
      { items: ['a', 'b'], next: null },
    ]);
    expect(await pageThrough('', 5)).toEqual([{ items: [], next: null }]);
  });

  it('stops at the scan budget without naming hidden rows', async () => {
    const src = source('z');
    const page = await readVisiblePage({ ...src, limit: 1, maxScanned: 10 });
    expect(page).toEqual({ items: [], next: null });
    expect(src.fetched).toEqual([10]);

    const growing = source('z');
    const last = await readVisiblePage({
      ...growing,
      limit: 1,
      maxScanned: 5000,
    });
    expect(last.items).toEqual([{ entityRef: 'z' }]);
    expect(growing.fetched).toEqual([50]);
  });

  it('keeps a full page and its cursor when the budget runs out', async () => {
    const page = await readVisiblePage({
      ...source('abcdefghijklmnopqrstuvwxyz'),
      limit: 3,
      maxScanned: 3,
    });
    expect(page).toEqual({
      items: [{ entityRef: 'a' }, { entityRef: 'b' }, { entityRef: 'c' }],
      next: 'c',
    });
  });
});
