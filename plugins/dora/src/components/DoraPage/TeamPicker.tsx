import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { Team } from './teams';

/** Props of {@link TeamPicker}. */
export interface TeamPickerProps {
  teams: Team[];
  value: string;
  onChange(ref: string): void;
}

/** Picks the team whose services the page shows. */
export function TeamPicker(props: TeamPickerProps) {
  const { teams, value, onChange } = props;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 220 }}>
      <InputLabel id="dora-team-label">Team</InputLabel>
      <Select
        labelId="dora-team-label"
        label="Team"
        value={value}
        onChange={event => onChange(event.target.value as string)}
      >
        {teams.map(team => (
          <MenuItem key={team.ref} value={team.ref}>
            {team.title}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
