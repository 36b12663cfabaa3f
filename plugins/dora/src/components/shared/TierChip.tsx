import { DoraTier } from '@paved-road/plugin-dora-common';
import Chip from '@material-ui/core/Chip';
import { Theme, useTheme } from '@material-ui/core/styles';

/** Props of {@link TierChip}. */
export interface TierChipProps {
  tier: DoraTier | null;
}

function tierColor(theme: Theme, tier: DoraTier | null) {
  switch (tier) {
    case 'elite':
      return theme.palette.success;
    case 'high':
      return theme.palette.info;
    case 'medium':
      return theme.palette.warning;
    case 'low':
      return theme.palette.error;
    default:
      return undefined;
  }
}

/** A benchmark tier as a coloured chip; "no tier" without samples. */
export function TierChip(props: TierChipProps) {
  const theme = useTheme();
  const color = tierColor(theme, props.tier);
  const label = props.tier
    ? props.tier[0].toUpperCase() + props.tier.slice(1)
    : 'No tier';
  return (
    <Chip
      size="small"
      label={label}
      title={props.tier ? `DORA tier: ${props.tier}` : 'Not enough data'}
      variant={color ? 'default' : 'outlined'}
      style={
        color
          ? { backgroundColor: color.main, color: color.contrastText }
          : undefined
      }
    />
  );
}
