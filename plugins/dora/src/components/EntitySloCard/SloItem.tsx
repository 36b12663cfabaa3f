import {
  DoraBurnRateWindow,
  DoraSloError,
  DoraSloHistory,
  DoraSloStatus,
} from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import { formatPercent, formatWindow } from '../shared/format';
import { ErrorBudgetBar } from './ErrorBudgetBar';
import { SloTrend } from './SloTrend';

const WINDOWS: DoraBurnRateWindow[] = ['1h', '6h', '1d', '3d'];

const STATUS_LABELS: Record<DoraSloStatus['status'] | 'error', string> = {
  ok: 'OK',
  ticket: 'Ticket: budget burning',
  page: 'Page: budget burning fast',
  'no-data': 'No data',
  error: 'Error',
};

function statusColor(theme: Theme, status: keyof typeof STATUS_LABELS) {
  if (status === 'ok') return theme.palette.success;
  if (status === 'ticket') return theme.palette.warning;
  if (status === 'page' || status === 'error') return theme.palette.error;
  return undefined;
}

function StatusChip(props: { status: keyof typeof STATUS_LABELS }) {
  const color = statusColor(useTheme(), props.status);
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status]}
      variant={color ? 'default' : 'outlined'}
      style={
        color
          ? { backgroundColor: color.main, color: color.contrastText }
          : undefined
      }
    />
  );
}

function BurnRates(props: { slo: DoraSloStatus }) {
  const { slo } = props;
  const rates = WINDOWS.map(w => {
    const rate = slo.burnRates[w];
    return `${w} ${rate === null ? 'no data' : `${+rate.toFixed(2)}×`}`;
  });
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        Burn rate: {rates.join(' · ')}
      </Typography>
      {slo.firing.map(f => (
        <Typography key={f.name} variant="body2" color="error">
          Firing ({f.severity}): {f.name}, burn rate{' '}
          {+f.longBurnRate.toFixed(2)}× over {formatWindow(f.longWindowSeconds)}{' '}
          and {+f.shortBurnRate.toFixed(2)}× over{' '}
          {formatWindow(f.shortWindowSeconds)} (threshold {f.threshold}×)
        </Typography>
      ))}
    </>
  );
}

/**
 * One SLO: attainment against target, error budget, burn-rate status and,
 * when the history is loaded, its daily trend.
 */
export function SloItem(props: {
  slo: DoraSloStatus | DoraSloError;
  history?: DoraSloHistory;
}) {
  const { slo, history } = props;
  return (
    <Box component="li" role="group" aria-label={slo.displayName} py={1}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1">{slo.displayName}</Typography>
        <StatusChip status={slo.status} />
      </Box>
      {slo.status === 'error' ? (
        <Typography variant="body2" color="error">
          Target {formatPercent(slo.target, 2)}; could not be computed:{' '}
          {slo.reason}
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            Attainment {formatPercent(slo.attainment, 3)} against a target of{' '}
            {formatPercent(slo.target, 2)} over {slo.window.label}
          </Typography>
          {slo.errorBudget && (
            <ErrorBudgetBar budget={slo.errorBudget} name={slo.displayName} />
          )}
          <BurnRates slo={slo} />
        </>
      )}
      {history && (
        <SloTrend
          name={slo.displayName}
          from={history.from}
          to={history.to}
          points={history.slos.find(h => h.name === slo.name)?.points ?? []}
        />
      )}
    </Box>
  );
}
