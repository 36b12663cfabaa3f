import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { doraApiRef } from '../../api';
import {
  DORA_BASE,
  deploymentFixture,
  testDoraClient,
} from '../../__testUtils__/fixtures';
import { DeploymentEvidenceDialog } from './DeploymentEvidenceDialog';

const server = setupServer();
registerMswTestHooks(server);

const incident = (
  id: string,
  link: { rule: 'rollback' | 'latest-before'; id: string } | null,
  unlinkedReason: 'excluded' | 'beyond-lookback' | null,
) => ({
  source: 'pagerduty',
  id,
  entityRef: 'component:default/payments-api',
  openedAt: '2026-11-20T10:00:00.000Z',
  resolvedAt: '2026-11-20T11:00:00.000Z',
  severity: 'P5',
  link: link && { rule: link.rule, deployment: { source: 'ci', id: link.id } },
  unlinkedReason,
});

describe('DeploymentEvidenceDialog', () => {
  it('lists the deployments with their link rules and the incidents left unlinked with the reason', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${DORA_BASE}/deployments`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({
          items: [
            {
              ...deploymentFixture(),
              status: 'rolled_back',
              incidents: [
                {
                  source: 'pagerduty',
                  id: 'INC-1',
                  openedAt: '2026-11-20T10:00:00.000Z',
                  resolvedAt: '2026-11-20T11:00:00.000Z',
                  severity: null,
                  rule: 'rollback',
                },
              ],
            },
          ],
          nextCursor: null,
        });
      }),
      http.get(`${DORA_BASE}/incidents`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({
          items: [
            incident('INC-1', { rule: 'rollback', id: 'd1' }, null),
            incident('INC-2', null, 'beyond-lookback'),
            incident('INC-3', null, 'excluded'),
          ],
          nextCursor: null,
        });
      }),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[doraApiRef, testDoraClient()]]}>
        <DeploymentEvidenceDialog
          query={{ entityRef: 'component:default/payments-api' }}
          title="Evidence"
          onClose={() => {}}
        />
      </TestApiProvider>,
    );

    expect(
      (await screen.findByText('linked: rollback')).closest('[title]'),
    ).toHaveAttribute(
      'title',
      expect.stringContaining('a rollback of this deployment'),
    );
    expect(
      await screen.findByText('Incidents not linked to a deployment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/pagerduty\/INC-2 \(P5\).*beyond lookback/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/pagerduty\/INC-3 \(P5\).*not change-caused/),
    ).toBeInTheDocument();
    // The linked one is shown under its deployment only.
    expect(screen.queryByText(/pagerduty\/INC-1 \(P5\)/)).toBeNull();
    expect(
      asked.every(q =>
        q.includes('entityRef=component%3Adefault%2Fpayments-api'),
      ),
    ).toBe(true);
  });
});
