import { ScorecardChecksResponse } from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/**
 * The overview's filters; `owner` is `''` (all), `'mine'` (my teams) or an
 * owner ref; `level` may be `'none'`.
 *
 * @internal
 */
export interface OverviewFilterValues {
  owner: string;
  kind: string;
  level: string;
  failing: string;
  /** `''` (no filter), `*` (any exempt check) or a check id. */
  exempt: string;
}

/**
 * Props of {@link OverviewFilters}.
 *
 * @internal
 */
export interface OverviewFiltersProps {
  values: OverviewFilterValues;
  onChange: (values: OverviewFilterValues) => void;
  owners: string[];
  kinds: string[];
  checks: ScorecardChecksResponse;
}

interface FilterSelectProps {
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (value: string) => void;
}

function FilterSelect(props: FilterSelectProps) {
  const id = `scorecard-filter-${props.label
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}`;
  return (
    <TextField
      select
      id={id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      variant="outlined"
      size="small"
      style={{ minWidth: 180 }}
      SelectProps={{
        SelectDisplayProps: { 'aria-label': props.label } as object,
      }}
    >
      {props.options.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Owner (with "My teams"), kind, level, failing and exempt check. @internal */
export function OverviewFilters(props: OverviewFiltersProps) {
  const { values, onChange, checks } = props;
  const set = (key: keyof OverviewFilterValues) => (value: string) =>
    onChange({ ...values, [key]: value });
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <FilterSelect
        label="Owner"
        value={values.owner}
        onChange={set('owner')}
        options={[
          ['', 'All owners'],
          ['mine', 'My teams'],
          ...props.owners.map(o => [o, o] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Kind"
        value={values.kind}
        onChange={set('kind')}
        options={[
          ['', 'All kinds'],
          ...props.kinds.map(k => [k, k] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Level"
        value={values.level}
        onChange={set('level')}
        options={[
          ['', 'All levels'],
          ['none', 'No level'],
          ...checks.levels.map(l => [l.id, l.title] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Failing check"
        value={values.failing}
        onChange={set('failing')}
        options={[
          ['', 'Any'],
          ...checks.checks.map(c => [c.id, c.title] as [string, string]),
        ]}
      />
      <FilterSelect
        label="Exempt check"
        value={values.exempt}
        onChange={set('exempt')}
        options={[
          ['', 'Any'],
          ['*', 'Any exempt check'],
          ...checks.checks.map(c => [c.id, c.title] as [string, string]),
        ]}
      />
    </Box>
  );
}
