export { ExemptionRequestDialog } from './ExemptionRequestDialog';
export type { ExemptionRequestDialogProps } from './ExemptionRequestDialog';
export { ExemptionNote } from './ExemptionNote';
export type { ExemptionNoteProps } from './ExemptionNote';
