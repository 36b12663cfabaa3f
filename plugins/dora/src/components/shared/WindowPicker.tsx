import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { DORA_WINDOW_DAYS, DoraWindowDays } from './windows';

/** Props of {@link WindowPicker}. */
export interface WindowPickerProps {
  value: DoraWindowDays;
  onChange(days: DoraWindowDays): void;
}

/** Picks the window of the figures: the last 7, 30 or 90 days. */
export function WindowPicker(props: WindowPickerProps) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      aria-label="Window"
      onChange={(_event, days: DoraWindowDays | null) => {
        if (days !== null) props.onChange(days);
      }}
    >
      {DORA_WINDOW_DAYS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`${days} days`}>
          {days}d
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
