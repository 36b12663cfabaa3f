import { parseEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api';
import { KEY_METRICS, KeyMetric } from '../shared/keyMetrics';
import { buildSuccessText, buildTimeText } from '../shared/buildFigureText';
import { TierChip } from '../shared/TierChip';
import { DoraWindow } from '../shared/windows';

/** Props of {@link TeamServicesTable}. */
export interface TeamServicesTableProps {
  /** The team; its descendant teams' components are included. */
  owner: string;
  window: DoraWindow;
  onDrillDown(entityRef: string, title: string): void;
}

interface ServiceRow {
  entityRef: string;
  title: string;
  metrics: DoraMetrics;
}

function MetricCell(props: {
  metric: KeyMetric;
  row: ServiceRow;
  onDrillDown(entityRef: string, title: string): void;
}) {
  const { metric, row, onDrillDown } = props;
  const tier = metric.tier(row.metrics);
  const text = metric.value(row.metrics);
  return (
    <TableCell>
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 6, whiteSpace: 'nowrap' }}
      >
        {metric.countsDeployments ? (
          <Link
            component="button"
            variant="body2"
            aria-label={`${metric.label} of ${row.title}: ${text}`}
            onClick={() => onDrillDown(row.entityRef, row.title)}
          >
            {text}
          </Link>
        ) : (
          <Typography variant="body2">{text}</Typography>
        )}
        {tier !== undefined && <TierChip tier={tier} />}
      </Box>
    </TableCell>
  );
}

/**
 * The team's components with their key figures, tiers and build figures,
 * in one request (`/metrics/by-entity` carries each entity's `builds`).
 */
export function TeamServicesTable(props: TeamServicesTableProps) {
  const { owner, window, onDrillDown } = props;
  const doraApi = useApi(doraApiRef);
  const { value, loading, error } = useAsync(async (): Promise<
    ServiceRow[]
  > => {
    const { items } = await doraApi.getMetricsByEntity({ owner, ...window });
    return items
      .filter(item => parseEntityRef(item.entityRef).kind === 'component')
      .map(metrics => ({
        entityRef: metrics.entityRef,
        title: parseEntityRef(metrics.entityRef).name,
        metrics,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [doraApi, owner, window]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <Typography>
        This team and its child teams own no component in the catalog.
      </Typography>
    );
  }
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Services of the team">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            {KEY_METRICS.map(m => (
              <TableCell key={m.id}>{m.label}</TableCell>
            ))}
            <TableCell>Overall</TableCell>
            <TableCell>Build time</TableCell>
            <TableCell>Build success</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(row => (
            <TableRow key={row.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={row.entityRef} />
              </TableCell>
              {KEY_METRICS.map(m => (
                <MetricCell
                  key={m.id}
                  metric={m}
                  row={row}
                  onDrillDown={onDrillDown}
                />
              ))}
              <TableCell>
                <TierChip tier={row.metrics.overallTier} />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {buildTimeText(row.metrics.builds)}
              </TableCell>
              <TableCell>{buildSuccessText(row.metrics.builds)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
