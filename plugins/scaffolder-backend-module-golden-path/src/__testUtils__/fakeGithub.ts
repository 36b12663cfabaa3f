import { http, HttpResponse } from 'msw';

export type RecordedCall = {
  method: string;
  path: string;
  body?: any;
  auth?: string | null;
};

/**
 * A GitHub REST API stand-in for one repository, answering with the payload
 * shapes GitHub documents, and recording every call.
 */
export class FakeGithub {
  readonly calls: RecordedCall[] = [];
  constructor(readonly fullName: string, readonly files: Map<string, string>) {}

  get writes(): RecordedCall[] {
    return this.calls.filter(c => c.method !== 'GET');
  }

  handlers() {
    const base = `https://api.github.com/repos/${this.fullName}`;
    const record = async (request: Request, path: string) => {
      const body = request.method === 'GET' ? undefined : await request.json();
      this.calls.push({
        method: request.method,
        path,
        body,
        auth: request.headers.get('authorization'),
      });
      return body;
    };
    return [
      http.get(base, async ({ request }) => {
        await record(request, '/');
        const [owner, name] = this.fullName.split('/');
        return HttpResponse.json({
          id: 1,
          name,
          full_name: this.fullName,
          owner: { login: owner },
          default_branch: 'main',
        });
      }),
      http.get(`${base}/contents/*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = decodeURIComponent(url.pathname.split('/contents/')[1]);
        await record(
          request,
          `/contents/${path}?ref=${url.searchParams.get('ref')}`,
        );
        const content = this.files.get(path);
        if (content === undefined) {
          return HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url:
                'https://docs.github.com/rest/repos/contents#get-repository-content',
            },
            { status: 404 },
          );
        }
        return HttpResponse.json({
          type: 'file',
          encoding: 'base64',
          size: content.length,
          name: path.split('/').pop(),
          path,
          sha: `blob-${path}`,
          content: Buffer.from(content).toString('base64'),
        });
      }),
      http.get(`${base}/git/ref/*`, async ({ request }) => {
        const ref = decodeURIComponent(
          new URL(request.url).pathname.split('/git/ref/')[1],
        );
        await record(request, `/git/ref/${ref}`);
        return HttpResponse.json({
          ref: `refs/${ref}`,
          object: { sha: 'base-sha', type: 'commit' },
        });
      }),
      http.get(`${base}/git/commits/:sha`, async ({ request, params }) => {
        await record(request, `/git/commits/${params.sha}`);
        return HttpResponse.json({
          sha: params.sha,
          tree: { sha: 'base-tree' },
        });
      }),
      http.post(`${base}/git/trees`, async ({ request }) => {
        await record(request, '/git/trees');
        return HttpResponse.json(
          { sha: 'new-tree', tree: [] },
          { status: 201 },
        );
      }),
      http.post(`${base}/git/commits`, async ({ request }) => {
        await record(request, '/git/commits');
        return HttpResponse.json({ sha: 'new-commit' }, { status: 201 });
      }),
      http.post(`${base}/git/refs`, async ({ request }) => {
        const body = await record(request, '/git/refs');
        return HttpResponse.json(
          { ref: body.ref, object: { sha: body.sha } },
          { status: 201 },
        );
      }),
      http.post(`${base}/pulls`, async ({ request }) => {
        await record(request, '/pulls');
        return HttpResponse.json(
          {
            number: 42,
            html_url: `https://github.com/${this.fullName}/pull/42`,
            state: 'open',
          },
          { status: 201 },
        );
      }),
    ];
  }
}
