import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DORA_ANNOTATIONS } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api';
import { formatPercent, plural } from '../shared/format';

/** Props of {@link TeamSloSummary}. */
export interface TeamSloSummaryProps {
  /** The team, e.g. `group:default/payments`; its child teams count too. */
  owner: string;
}

function Figure(props: { label: string; value: string }) {
  return (
    <Box role="group" aria-label={props.label} mr={4}>
      <Typography variant="h5" component="div">
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

/**
 * The SLOs of a team's services together, from one request: how many, how
 * many at risk (under 25% of the error budget left, or an alert firing),
 * the median budget burned, and the SLOs at risk.
 */
export function TeamSloSummary(props: TeamSloSummaryProps) {
  const { owner } = props;
  const doraApi = useApi(doraApiRef);
  const { value, loading, error } = useAsync(
    () => doraApi.getSlosByEntity({ owner }),
    [doraApi, owner],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const { summary } = value;
  if (summary.slos === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None of the team's services has an SLO. Add the '
        {DORA_ANNOTATIONS.openSloRef}' annotation pointing to an OpenSLO file to
        a service's catalog-info.yaml.
      </Typography>
    );
  }
  const services = value.items.filter(i => i.slos.length > 0).length;
  return (
    <>
      <Box display="flex" flexWrap="wrap" mb={2}>
        <Figure
          label={`SLOs across ${plural(services, 'service')}`}
          value={String(summary.slos)}
        />
        <Figure label="At risk" value={String(summary.atRisk)} />
        <Figure
          label="Median error budget burned"
          value={formatPercent(summary.medianBudgetBurned, 0)}
        />
        {summary.errors > 0 && (
          <Figure
            label="Could not be computed"
            value={String(summary.errors)}
          />
        )}
      </Box>
      {summary.atRiskSlos.length > 0 && (
        <Box component="ul" aria-label="SLOs at risk" pl={2} m={0}>
          {summary.atRiskSlos.map(slo => (
            <li key={`${slo.entityRef}/${slo.name}`}>
              <Typography variant="body2">
                {slo.displayName} of <EntityRefLink entityRef={slo.entityRef} />
                : {formatPercent(slo.budgetRemaining, 0)} of the error budget
                left
                {slo.status === 'page' || slo.status === 'ticket'
                  ? `, alert firing (${slo.status})`
                  : ''}
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </>
  );
}
