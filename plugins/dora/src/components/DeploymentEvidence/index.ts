export { DeploymentEvidenceDialog } from './DeploymentEvidenceDialog';
export type { DeploymentEvidenceDialogProps } from './DeploymentEvidenceDialog';
