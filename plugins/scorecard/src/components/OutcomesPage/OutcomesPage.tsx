import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ScorecardOutcomes } from '@paved-road/plugin-scorecard-common';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardApiRef } from '../../api';
import { AdoptionSection } from './AdoptionSection';
import { PavedRoadSection, TimeToFirstDeploySection } from './DoraSections';
import {
  ExemptionsSection,
  SloSection,
  TemplatesSection,
} from './PlatformSections';
import { PulseDialog } from './PulseDialog';
import { SatisfactionSection } from './SatisfactionSection';

const DAY_MS = 86_400_000;

/** Windows of the DORA figures (`?window=`), the first the default. */
const WINDOWS: Array<{ id: string; label: string; days: number }> = [
  { id: '180d', label: 'Last 180 days', days: 180 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '1y', label: 'Last year', days: 365 },
  { id: '2y', label: 'Last 2 years', days: 730 },
];

function templatesOf(outcomes: ScorecardOutcomes): string[] {
  return [
    ...new Set([
      ...outcomes.templates.items.map(t => t.templateRef),
      ...outcomes.pulse.byTemplate.map(t => t.templateRef),
    ]),
  ].sort();
}

function DoraFigures(props: {
  windowId: string;
  onWindowChange: (id: string) => void;
}) {
  const api = useApi(scorecardApiRef);
  const selected = WINDOWS.find(w => w.id === props.windowId) ?? WINDOWS[0];
  const dora = useAsync(() => {
    const to = new Date();
    return api.getDoraOutcomes({
      from: new Date(to.getTime() - selected.days * DAY_MS),
      to,
    });
  }, [api, selected.days]);
  let figures;
  if (dora.loading) {
    figures = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else if (dora.error) {
    figures = (
      <Grid item xs={12}>
        <ResponseErrorPanel
          error={dora.error}
          title="Could not load time to first deploy and paved road figures from the DORA backend"
        />
      </Grid>
    );
  } else {
    figures = (
      <>
        <Grid item xs={12}>
          <TimeToFirstDeploySection dora={dora.value!} />
        </Grid>
        <Grid item xs={12}>
          <PavedRoadSection dora={dora.value!} />
        </Grid>
      </>
    );
  }
  return (
    <>
      <Grid item xs={12}>
        <TextField
          id="outcomes-window"
          select
          label="Window of time to first deploy and paved road"
          value={selected.id}
          onChange={e => props.onWindowChange(e.target.value)}
          style={{ minWidth: 360 }}
        >
          {WINDOWS.map(w => (
            <MenuItem key={w.id} value={w.id}>
              {w.label}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      {figures}
    </>
  );
}

/**
 * The platform's own outcomes: adoption, templates, time to first deploy,
 * paved road vs off road, SLO coverage, exemptions and developer
 * satisfaction, each with a CSV export. `?pulse=<templateRef>` opens the
 * feedback dialog with that template chosen; `?window=` (`90d`, `180d`,
 * the default, `1y` or `2y`) sets the window of the DORA figures.
 *
 * @public
 */
export function OutcomesPage() {
  const api = useApi(scorecardApiRef);
  const [params, setParams] = useSearchParams();
  const pulseParam = params.get('pulse');
  const [dialogOpen, setDialogOpen] = useState(!!pulseParam);
  const outcomes = useAsyncRetry(() => api.getOutcomes(), [api]);
  const closeDialog = useCallback(() => {
    setDialogOpen(false);
    if (params.has('pulse')) {
      params.delete('pulse');
      setParams(params, { replace: true });
    }
  }, [params, setParams]);
  const { retry } = outcomes;
  const onAnswered = useCallback(() => {
    closeDialog();
    retry();
  }, [closeDialog, retry]);

  return (
    <Page themeId="tool">
      <Header
        title="Platform outcomes"
        subtitle="Is the paved road working, and is it better than the road beside it?"
      />
      <Content>
        {outcomes.loading && !outcomes.value && <Progress />}
        {outcomes.error && (
          <ResponseErrorPanel
            error={outcomes.error}
            title="Could not load the platform outcomes"
          />
        )}
        {outcomes.value && (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <AdoptionSection outcomes={outcomes.value} />
            </Grid>
            <Grid item xs={12}>
              <TemplatesSection outcomes={outcomes.value} />
            </Grid>
            <DoraFigures
              windowId={params.get('window') ?? WINDOWS[0].id}
              onWindowChange={id => {
                params.set('window', id);
                setParams(params, { replace: true });
              }}
            />
            <Grid item xs={12} md={6}>
              <SloSection outcomes={outcomes.value} />
            </Grid>
            <Grid item xs={12} md={6}>
              <ExemptionsSection outcomes={outcomes.value} />
            </Grid>
            <Grid item xs={12}>
              <SatisfactionSection
                outcomes={outcomes.value}
                onGiveFeedback={() => setDialogOpen(true)}
              />
            </Grid>
          </Grid>
        )}
        {dialogOpen && (
          <PulseDialog
            open
            templates={outcomes.value ? templatesOf(outcomes.value) : []}
            initialTemplate={pulseParam ?? undefined}
            onClose={closeDialog}
            onAnswered={onAnswered}
          />
        )}
      </Content>
    </Page>
  );
}
