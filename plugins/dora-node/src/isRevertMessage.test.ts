import { isRevertMessage } from './isRevertMessage';

const SHA = '99d03678b90d914dbb1b109132516d71a4a03ea8';

describe('isRevertMessage', () => {
  it.each([
    [
      'git revert',
      `Revert "Add the cart cache"\n\nThis reverts commit ${SHA}.\n`,
    ],
    [
      'git revert of a merge commit (GitHub)',
      `Revert "Merge pull request #12 from acme/cache"\n\nThis reverts commit ${SHA}, reversing\nchanges made to 1234567.`,
    ],
    ['a subject alone', 'Revert "Add the cart cache"'],
    [
      'a subject after blank lines, with CRLF',
      '\r\n  Revert "Add the cart cache"\r\n\r\nsee incident 42',
    ],
    [
      "GitHub's Revert button, squash-merged with the pull request body",
      'Revert "Add the cart cache" (#124)\n\nReverts acme/cart#123',
    ],
    ['a GitHub pull request title', 'Revert "Add the cart cache"'],
    ['a GitHub pull request body', 'Reverts acme/cart.js#123'],
    [
      "GitLab's Revert of a merge request",
      'Revert "Add the cart cache"\r\n\r\nThis reverts merge request !12',
    ],
    [
      'a GitLab cross-project merge request reference',
      'Undo the cache\n\nThis reverts merge request acme/cart!12',
    ],
    [
      'an edited subject with the git body',
      `Roll back the cache: it leaks\n\nThis reverts commit ${SHA.slice(
        0,
        7,
      )}.`,
    ],
    [
      'git 2.43+ reapplying a revert',
      `Reapply "Add the cart cache"\n\nThis reverts commit ${SHA}.`,
    ],
    [
      'a GitLab merge commit of a revert branch',
      `Merge branch 'revert-99d03678' into 'main'\r\n\r\nRevert "x"\r\n\r\nThis reverts commit ${SHA}\r\n\r\nSee merge request acme/cart!13`,
    ],
  ])('recognises %s', (_, message) => {
    expect(isRevertMessage(message)).toBe(true);
  });

  it.each([
    ['a feature', 'Add the cart cache\n\nCloses #12'],
    [
      'prose about reverting',
      'Fix cache\n\nWe may have to revert "this" later',
    ],
    ['"Revert" in a body line that is not the subject', 'Fix\n\nRevert "x"'],
    ['a lower-case subject', 'revert "Add the cart cache"'],
    ['a subject without the quote', 'Revert the cache change'],
    ['a marker inside a line', 'Fix: This reverts commit 99d03678 partly'],
    ['a short sha', 'Undo\n\nThis reverts commit 99d036.'],
    ['a non-hex sha', 'Undo\n\nThis reverts commit zzzzzzzzz.'],
    ['a pull request body without a number', 'Reverts acme/cart#'],
    ['a merge request without its iid', 'x\n\nThis reverts merge request !'],
    ['an empty message', ''],
    ['white space', ' \n\r\n '],
    ['undefined', undefined],
    ['null', null],
  ])('does not take %s for a revert', (_, message) => {
    expect(isRevertMessage(message)).toBe(false);
  });

  it('reads only the first 4 KB', () => {
    const padding = `Bump dependencies\n\n${'- lib 1.0.0 -> 1.0.1\n'.repeat(
      300,
    )}`;
    expect(padding.length).toBeGreaterThan(4096);
    expect(isRevertMessage(`${padding}This reverts commit ${SHA}.`)).toBe(
      false,
    );
    expect(isRevertMessage(`x\n\nThis reverts commit ${SHA}.${padding}`)).toBe(
      true,
    );
  });

  it('answers quickly for hostile input', () => {
    const hostile = [
      `This reverts commit ${'a'.repeat(5_000_000)}`,
      `This reverts merge request ${'a/'.repeat(2_000_000)}`,
      `Reverts ${'a'.repeat(2_000_000)}/${'b'.repeat(2_000_000)}`,
      `x\n${'\n'.repeat(2_000_000)}`,
      `x\n${`Reverts a/${'b'.repeat(60)}\n`.repeat(100_000)}`,
    ];
    const started = Date.now();
    for (const message of hostile) isRevertMessage(message);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
