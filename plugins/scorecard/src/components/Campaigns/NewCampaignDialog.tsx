import {
  CampaignInput,
  ScorecardChecksResponse,
} from '@paved-road/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';

/** Props of {@link NewCampaignDialog}. @internal */
export interface NewCampaignDialogProps {
  checks: ScorecardChecksResponse;
  onClose(): void;
  onSubmit(input: CampaignInput): Promise<void>;
}

const list = (value: string) =>
  value
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

/**
 * Creates a campaign: title, description, goal (a check or a level),
 * entity filter, deadline and owner. The backend validates; its error
 * (naming the field) is shown as is.
 *
 * @internal
 */
export function NewCampaignDialog(props: NewCampaignDialogProps) {
  const { checks } = props;
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [goal, setGoal] = useState(
    checks.checks[0] ? `check:${checks.checks[0].id}` : '',
  );
  const [kind, setKind] = useState('component');
  const [type, setType] = useState('');
  const [annotation, setAnnotation] = useState('');
  const [deadline, setDeadline] = useState('');
  const [owner, setOwner] = useState('');
  const [state, submit] = useAsyncFn(async () => {
    const [goalKind, goalId] = [
      goal.slice(0, goal.indexOf(':')),
      goal.slice(goal.indexOf(':') + 1),
    ];
    await props.onSubmit({
      title,
      description,
      goal: goalKind === 'level' ? { level: goalId } : { check: goalId },
      filter: {
        ...(list(kind).length ? { kind: list(kind) } : {}),
        ...(list(type).length ? { type: list(type) } : {}),
        ...(annotation.trim() ? { annotation: annotation.trim() } : {}),
      },
      deadline,
      owner,
    });
  }, [
    props,
    title,
    description,
    goal,
    kind,
    type,
    annotation,
    deadline,
    owner,
  ]);

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>New campaign</DialogTitle>
      <DialogContent>
        <TextField
          id="campaign-title"
          label="Title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          fullWidth
          required
          margin="dense"
          inputProps={{ maxLength: 200 }}
        />
        <TextField
          id="campaign-description"
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          fullWidth
          multiline
          margin="dense"
          inputProps={{ maxLength: 4000 }}
        />
        <TextField
          select
          id="campaign-goal"
          label="Goal"
          value={goal}
          onChange={e => setGoal(e.target.value)}
          fullWidth
          margin="dense"
        >
          {checks.checks.map(c => (
            <MenuItem key={`check:${c.id}`} value={`check:${c.id}`}>
              Check passing: {c.title}
            </MenuItem>
          ))}
          {checks.levels.map(l => (
            <MenuItem key={`level:${l.id}`} value={`level:${l.id}`}>
              Level reached: {l.title}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="campaign-kinds"
          label="Kinds (comma-separated)"
          value={kind}
          onChange={e => setKind(e.target.value)}
          fullWidth
          margin="dense"
        />
        <TextField
          id="campaign-types"
          label="Types (spec.type, comma-separated)"
          value={type}
          onChange={e => setType(e.target.value)}
          fullWidth
          margin="dense"
        />
        <TextField
          id="campaign-annotation"
          label="Annotation the entities have"
          value={annotation}
          onChange={e => setAnnotation(e.target.value)}
          fullWidth
          margin="dense"
        />
        <TextField
          id="campaign-deadline"
          label="Deadline"
          type="date"
          value={deadline}
          onChange={e => setDeadline(e.target.value)}
          fullWidth
          required
          margin="dense"
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="campaign-owner"
          label="Owner group"
          placeholder="group:default/platform"
          value={owner}
          onChange={e => setOwner(e.target.value)}
          fullWidth
          required
          margin="dense"
        />
        {state.error && (
          <Typography color="error" variant="body2" role="alert">
            {(state.error as { body?: { error?: { message?: string } } }).body
              ?.error?.message ?? state.error.message}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={state.loading}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
