import { DoraMetrics } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  buildCountText,
  buildSuccessText,
  buildTimeText,
} from './buildFigureText';

/** Props of {@link BuildFigures}. */
export interface BuildFiguresProps {
  metrics: DoraMetrics;
}

/**
 * Build time (median, p90) and build success rate of the window, from the
 * `builds` block of the same `/metrics` response: no extra request.
 */
export function BuildFigures(props: BuildFiguresProps) {
  const { builds } = props.metrics;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 24 }}
      aria-label="Build figures"
      role="group"
    >
      <Box>
        <Typography variant="body2" color="textSecondary">
          Build time
        </Typography>
        <Typography variant="h6">{buildTimeText(builds)}</Typography>
      </Box>
      <Box>
        <Typography variant="body2" color="textSecondary">
          Build success rate
        </Typography>
        <Typography variant="h6">{buildSuccessText(builds)}</Typography>
        <Typography variant="caption" color="textSecondary">
          {buildCountText(builds)}
        </Typography>
      </Box>
    </Box>
  );
}
