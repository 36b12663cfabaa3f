import { APIRequestContext, expect, test } from '@playwright/test';
import { waitForDemoData } from './helpers';

const TOKEN = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';

/** One JSON-RPC call to the MCP actions backend (stateless streamable HTTP). */
async function mcp(request: APIRequestContext, method: string, params = {}) {
  const response = await request.post('/api/mcp-actions/v1', {
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      Accept: 'application/json, text/event-stream',
      'Content-Type': 'application/json',
    },
    data: { jsonrpc: '2.0', id: 1, method, params },
  });
  expect(response.status(), await response.text()).toBe(200);
  const text = await response.text();
  // Either plain JSON or one server-sent event carrying it.
  const json = text.trim().startsWith('{')
    ? text
    : text
        .split('\n')
        .filter(line => line.startsWith('data:'))
        .map(line => line.slice('data:'.length))
        .join('');
  return JSON.parse(json);
}

test('the DORA and scorecard read actions are MCP tools of the example app', async ({
  request,
}) => {
  await waitForDemoData(request);
  const listed = await mcp(request, 'tools/list');
  const names: string[] = listed.result.tools.map(
    (t: { name: string }) => t.name,
  );
  for (const action of [
    'get-dora-metrics',
    'list-dora-incidents',
    'get-entity-scorecard',
    'list-team-failing-checks',
    'get-campaign-progress',
  ]) {
    expect(
      names.some(n => n.includes(action)),
      names.join(', '),
    ).toBe(true);
  }

  const tool = names.find(n => n.includes('get-dora-metrics'))!;
  const called = await mcp(request, 'tools/call', {
    name: tool,
    arguments: { entityRef: 'component:default/payments-api' },
  });
  expect(called.result.isError ?? false).toBe(false);
  const content = JSON.stringify(called.result.content);
  expect(content).toContain('deploymentFrequency');
  expect(content).toContain('component:default/payments-api');

  // The example app's config campaign, answered with the token's visibility.
  const progressTool = names.find(n => n.includes('get-campaign-progress'))!;
  const progress = await mcp(request, 'tools/call', {
    name: progressTool,
    arguments: { campaignId: 'golden-path-1-1' },
  });
  expect(progress.result.isError ?? false).toBe(false);
  const answer = JSON.stringify(progress.result.content);
  expect(answer).toContain('golden-path-1-1');
  expect(answer).toContain('2027-03-31');
  expect(answer).toContain('teams');
  expect(answer).toContain('entitiesNotDone');

  const unknown = await mcp(request, 'tools/call', {
    name: progressTool,
    arguments: { campaignId: 'no-such-campaign' },
  });
  expect(unknown.result.isError).toBe(true);
});
