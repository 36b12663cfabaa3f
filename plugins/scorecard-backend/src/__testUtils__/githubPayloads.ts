import { HttpResponse } from 'msw';

/** A pull request of the fake. */
export type Pull = {
  number: number;
  head: string;
  base: string;
  title: string;
};

const docs = (page: string) => `https://docs.github.com/rest/${page}`;
export const notFound = (page: string) =>
  HttpResponse.json(
    { message: 'Not Found', documentation_url: docs(page), status: '404' },
    { status: 404 },
  );
export const unprocessable = (
  page: string,
  resource: string,
  message: string,
) =>
  HttpResponse.json(
    {
      message: 'Validation Failed',
      errors: [{ resource, code: 'custom', message }],
      documentation_url: docs(page),
      status: '422',
    },
    { status: 422 },
  );

/**
 * Payloads of one repository as docs.github.com documents them: a
 * reference, a Git commit object and a pull request.
 */
export function githubPayloads(
  base: string,
  fullName: string,
  refs: Map<string, string>,
) {
  const [owner] = fullName.split('/');
  return {
    ref: (branch: string, sha: string) => ({
      ref: `refs/heads/${branch}`,
      node_id: `REF_${branch}`,
      url: `${base}/git/refs/heads/${branch}`,
      object: { type: 'commit', sha, url: `${base}/git/commits/${sha}` },
    }),
    commit: (sha: string, parents: string[], message: string) => ({
      sha,
      node_id: `C_${sha}`,
      url: `${base}/git/commits/${sha}`,
      html_url: `https://github.com/${fullName}/commit/${sha}`,
      author: {
        name: 'Octocat',
        email: 'o@example.com',
        date: '2026-12-01T10:00:00Z',
      },
      committer: {
        name: 'Octocat',
        email: 'o@example.com',
        date: '2026-12-01T10:00:00Z',
      },
      message,
      tree: { sha: `tree-of-${sha}`, url: `${base}/git/trees/tree-of-${sha}` },
      parents: parents.map(p => ({ sha: p, url: `${base}/git/commits/${p}` })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
      },
    }),
    pull: (p: Pull) => ({
      url: `${base}/pulls/${p.number}`,
      id: 1000 + p.number,
      node_id: `PR_${p.number}`,
      html_url: `https://github.com/${fullName}/pull/${p.number}`,
      number: p.number,
      state: 'open',
      locked: false,
      title: p.title,
      user: { login: 'backstage-bot', id: 1, type: 'Bot' },
      created_at: '2026-12-01T10:00:00Z',
      updated_at: '2026-12-01T10:00:00Z',
      closed_at: null,
      merged_at: null,
      draft: false,
      head: {
        label: `${owner}:${p.head}`,
        ref: p.head,
        sha: refs.get(p.head),
      },
      base: {
        label: `${owner}:${p.base}`,
        ref: p.base,
        sha: refs.get(p.base),
      },
    }),
  };
}
