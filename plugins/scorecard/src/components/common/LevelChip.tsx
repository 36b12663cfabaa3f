import { ScorecardLevel } from '@paved-road/plugin-scorecard-common';
import Chip from '@material-ui/core/Chip';

/**
 * Props of {@link LevelChip}.
 *
 * @internal
 */
export interface LevelChipProps {
  level: ScorecardLevel | null;
  size?: 'small' | 'medium';
}

/** A badge for a level, or "No level" below the first one. @internal */
export function LevelChip(props: LevelChipProps) {
  const { level, size = 'small' } = props;
  return (
    <Chip
      size={size}
      color={level ? 'primary' : 'default'}
      variant={level ? 'default' : 'outlined'}
      label={level ? level.title : 'No level'}
      aria-label={`Level: ${level ? level.title : 'none'}`}
    />
  );
}
