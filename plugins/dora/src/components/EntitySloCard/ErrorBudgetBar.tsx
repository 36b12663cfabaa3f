import { DoraSloStatus } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { Theme, makeStyles } from '@material-ui/core/styles';
import { formatDuration } from '../shared/format';

type ErrorBudget = NonNullable<DoraSloStatus['errorBudget']>;

/** Props of {@link ErrorBudgetBar}. */
export interface ErrorBudgetBarProps {
  budget: ErrorBudget;
  name: string;
}

function budgetColor(theme: Theme, remainingRatio: number) {
  if (remainingRatio <= 0) return theme.palette.error.main;
  if (remainingRatio < 0.25) return theme.palette.warning.main;
  return theme.palette.success.main;
}

const useStyles = makeStyles<Theme, { remainingRatio: number }>(theme => ({
  root: {
    height: 8,
    borderRadius: 4,
    backgroundColor: theme.palette.action.selected,
  },
  bar: props => ({
    borderRadius: 4,
    backgroundColor: budgetColor(theme, props.remainingRatio),
  }),
}));

function amount(value: number, unit: ErrorBudget['unit']) {
  if (unit === 'seconds') return formatDuration(value);
  const rounded = Number.isInteger(value) ? value : +value.toFixed(1);
  return `${rounded.toLocaleString()} ${unit}`;
}

/** Remaining error budget as a bar, with consumed and total in its unit. */
export function ErrorBudgetBar(props: ErrorBudgetBarProps) {
  const { budget, name } = props;
  const classes = useStyles({ remainingRatio: budget.remainingRatio });
  const remainingPercent = Math.round(budget.remainingRatio * 100);
  return (
    <Box>
      <LinearProgress
        variant="determinate"
        value={Math.max(0, Math.min(100, remainingPercent))}
        aria-label={`Error budget of ${name}`}
        classes={{ root: classes.root, bar: classes.bar }}
      />
      <Typography variant="body2" color="textSecondary">
        {budget.remaining < 0
          ? `Error budget overspent by ${amount(
              -budget.remaining,
              budget.unit,
            )} (${remainingPercent}%)`
          : `Error budget: ${remainingPercent}% remaining (${amount(
              budget.remaining,
              budget.unit,
            )})`}
        , consumed {amount(budget.consumed, budget.unit)} of{' '}
        {amount(budget.total, budget.unit)}
      </Typography>
    </Box>
  );
}
