import {
  EntityScorecard,
  ScorecardHistoryPoint,
} from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { LevelChip } from '../common/LevelChip';
import { Sparkline } from './Sparkline';

/**
 * Props of {@link ScorecardSummary}.
 *
 * @internal
 */
export interface ScorecardSummaryProps {
  scorecard: EntityScorecard;
  history: ScorecardHistoryPoint[];
}

/** Passing and applicable checks of the next level. @internal */
export function nextLevelProgress(scorecard: EntityScorecard) {
  const next = scorecard.nextLevel;
  if (!next) return undefined;
  const checks = scorecard.checks.filter(
    c => c.level === next.id && c.status !== 'skipped',
  );
  return {
    level: next,
    passing: checks.filter(c => c.status === 'pass' || c.status === 'exempt')
      .length,
    total: checks.length,
  };
}

/** Level badge, score, trend and progress to the next level. @internal */
export function ScorecardSummary(props: ScorecardSummaryProps) {
  const { scorecard, history } = props;
  const progress = nextLevelProgress(scorecard);
  return (
    <Box mb={1}>
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <LevelChip level={scorecard.level} size="medium" />
        <Typography variant="h5" component="span" aria-label="Score">
          {scorecard.score}
          <Typography variant="body2" component="span" color="textSecondary">
            {' '}
            / 100
          </Typography>
        </Typography>
        <Sparkline points={history} />
      </Box>
      {progress ? (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            {progress.passing} of {progress.total} {progress.level.title} checks
            pass
          </Typography>
          <LinearProgress
            variant="determinate"
            aria-label={`Progress to ${progress.level.title}`}
            value={
              progress.total === 0
                ? 100
                : (progress.passing / progress.total) * 100
            }
          />
        </Box>
      ) : (
        scorecard.level && (
          <Typography variant="caption" color="textSecondary">
            Top level reached.
          </Typography>
        )
      )}
    </Box>
  );
}
