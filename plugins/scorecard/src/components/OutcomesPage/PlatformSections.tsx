import Typography from '@material-ui/core/Typography';
import { ScorecardOutcomes } from '@paved-road/plugin-scorecard-common';
import { duration, share } from './format';
import { SectionCard } from './SectionCard';
import { SimpleTable } from './SimpleTable';

/**
 * Props of the sections that read only `GET /api/scorecard/outcomes`.
 *
 * @internal
 */
export interface PlatformSectionProps {
  outcomes: ScorecardOutcomes;
}

/** The scaffolder's runs, successes and median duration per template. @internal */
export function TemplatesSection(props: PlatformSectionProps) {
  const { templates } = props.outcomes;
  return (
    <SectionCard
      title="Templates"
      subheader={`Scaffolder tasks per template (${templates.tasksRead} read${
        templates.truncated ? ', more exist' : ''
      })`}
      filename="outcomes-templates.csv"
      header={[
        'templateRef',
        'runs',
        'succeeded',
        'failed',
        'medianDurationMs',
      ]}
      rows={templates.items.map(t => [
        t.templateRef,
        t.runs,
        t.succeeded,
        t.failed,
        t.medianDurationMs,
      ])}
    >
      {templates.error && (
        <Typography color="error">
          The scaffolder could not be read: {templates.error}
        </Typography>
      )}
      {!templates.error && templates.items.length === 0 && (
        <Typography>
          No scaffolder tasks yet: run a golden-path template from Create.
        </Typography>
      )}
      {templates.items.length > 0 && (
        <SimpleTable
          label="Templates"
          header={['Template', 'Runs', 'Success', 'Median duration']}
          rows={templates.items.map(t => [
            t.templateRef,
            t.runs,
            `${share(t.runs ? t.succeeded / t.runs : null)} (${t.succeeded})`,
            duration(t.medianDurationMs),
          ])}
        />
      )}
    </SectionCard>
  );
}

/** Share of production services with an SLO and with error budget left. @internal */
export function SloSection(props: PlatformSectionProps) {
  const slo = props.outcomes.sloCoverage;
  return (
    <SectionCard
      title="SLO coverage"
      subheader="Production services with an SLO, and with error budget left"
      filename="outcomes-slo-coverage.csv"
      header={[
        'productionServices',
        'withSlo',
        'withBudgetLeft',
        'shareWithSlo',
        'shareWithBudgetLeft',
      ]}
      rows={[
        [
          slo.productionServices,
          slo.withSlo,
          slo.withBudgetLeft,
          slo.shareWithSlo,
          slo.shareWithBudgetLeft,
        ],
      ]}
    >
      {slo.productionServices === 0 ? (
        <Typography>
          No production services: set `spec.lifecycle: production` on them.
        </Typography>
      ) : (
        <Typography>
          {share(slo.shareWithSlo)} of {slo.productionServices} production
          services have an SLO ({slo.withSlo}); {share(slo.shareWithBudgetLeft)}{' '}
          have error budget left ({slo.withBudgetLeft}).
        </Typography>
      )}
    </SectionCard>
  );
}

/** Open exemptions per check and per team. @internal */
export function ExemptionsSection(props: PlatformSectionProps) {
  const ex = props.outcomes.exemptions;
  return (
    <SectionCard
      title="Open exemptions"
      subheader={`${ex.open} approved and not expired`}
      filename="outcomes-exemptions.csv"
      header={['group', 'name', 'open']}
      rows={[
        ...ex.byCheck.map(c => ['check', c.checkId, c.open]),
        ...ex.byTeam.map(t => ['team', t.team ?? '', t.open]),
      ]}
    >
      {ex.open === 0 ? (
        <Typography>No open exemptions.</Typography>
      ) : (
        <>
          <SimpleTable
            label="Open exemptions per check"
            header={['Check', 'Open']}
            rows={ex.byCheck.map(c => [c.checkId, c.open])}
          />
          <SimpleTable
            label="Open exemptions per team"
            header={['Team', 'Open']}
            rows={ex.byTeam.map(t => [t.team ?? 'no owner', t.open])}
          />
        </>
      )}
    </SectionCard>
  );
}
