import { Link, LinkButton } from '@backstage/core-components';
import { CheckRemediation } from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { templatePath } from '../common/templatePath';

/**
 * Props of {@link RemediationActions}.
 *
 * @internal
 */
export interface RemediationActionsProps {
  remediation: CheckRemediation;
}

/** How to fix a failing check: text, a link and a button into the scaffolder. @internal */
export function RemediationActions(props: RemediationActionsProps) {
  const { text, url, template } = props.remediation;
  const path = template ? templatePath(template) : undefined;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      mt={0.5}
    >
      {text && <Typography variant="caption">{text}</Typography>}
      {url && (
        <Link to={url} target="_blank" rel="noopener">
          How to fix
        </Link>
      )}
      {path && (
        <LinkButton to={path} size="small" variant="outlined" color="primary">
          Fix with a template
        </LinkButton>
      )}
    </Box>
  );
}
