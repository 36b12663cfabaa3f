import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import { OutcomesPulseAnswer } from '@paved-road/plugin-scorecard-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { scorecardApiRef } from '../../api';

/** Longest pulse comment the backend stores. @internal */
export const MAX_COMMENT = 1000;

/**
 * Props of {@link PulseDialog}.
 *
 * @internal
 */
export interface PulseDialogProps {
  open: boolean;
  /** Templates to choose from, entity refs. */
  templates: string[];
  /** The template preselected (e.g. from `?pulse=`). */
  initialTemplate?: string;
  onClose(): void;
  onAnswered(answer: OutcomesPulseAnswer): void;
}

/** "Would you recommend this golden path?": template, 0-10, optional comment. @internal */
export function PulseDialog(props: PulseDialogProps) {
  const api = useApi(scorecardApiRef);
  const [templateRef, setTemplateRef] = useState(props.initialTemplate ?? '');
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const tooLong = comment.length > MAX_COMMENT;
  const valid = !!templateRef && score !== null && !tooLong;
  const [state, submit] = useAsyncFn(async () => {
    const answer = await api.answerPulse({
      templateRef,
      score: score!,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    props.onAnswered(answer);
    return answer;
  }, [api, templateRef, score, comment, props.onAnswered]);
  const options = [...new Set([...props.templates, templateRef])].filter(
    Boolean,
  );

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Give feedback on a golden path</DialogTitle>
      <DialogContent>
        <TextField
          id="pulse-template"
          select
          fullWidth
          margin="normal"
          label="Template"
          value={templateRef}
          onChange={e => setTemplateRef(e.target.value)}
          helperText={templateRef ? ' ' : 'Pick the template you used'}
        >
          {options.map(t => (
            <MenuItem key={t} value={t}>
              {t}
            </MenuItem>
          ))}
        </TextField>
        <p id="pulse-score-label">
          How likely are you to recommend this golden path to a colleague? (0 =
          not at all, 10 = extremely)
        </p>
        <RadioGroup
          row
          aria-labelledby="pulse-score-label"
          value={score === null ? '' : String(score)}
          onChange={e => setScore(Number(e.target.value))}
        >
          {Array.from({ length: 11 }, (_v, i) => (
            <FormControlLabel
              key={i}
              value={String(i)}
              control={<Radio size="small" />}
              label={String(i)}
              labelPlacement="bottom"
            />
          ))}
        </RadioGroup>
        <TextField
          id="pulse-comment"
          fullWidth
          multiline
          minRows={3}
          margin="normal"
          label="Comment (optional)"
          value={comment}
          onChange={e => setComment(e.target.value)}
          error={tooLong}
          helperText={`${comment.length} / ${MAX_COMMENT}${
            tooLong ? ': too long' : ''
          }`}
        />
        {state.error && (
          <ResponseErrorPanel error={state.error} title="Not sent" />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!valid || state.loading}
          onClick={submit}
        >
          Send
        </Button>
      </DialogActions>
    </Dialog>
  );
}
