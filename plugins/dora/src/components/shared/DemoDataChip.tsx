import Chip from '@material-ui/core/Chip';

/** Props of {@link DemoDataChip}. */
export interface DemoDataChipProps {
  /** `demoData` of the figures shown (from `/metrics` or `/slos`). */
  demo?: boolean;
}

/**
 * "Demo data" when the figures shown come from the example app's demo
 * provider, so nobody mistakes generated figures for real ones. The flag
 * comes with the figures: no request of its own.
 */
export function DemoDataChip(props: DemoDataChipProps) {
  if (!props.demo) return null;
  return <Chip size="small" color="secondary" label="Demo data" />;
}
