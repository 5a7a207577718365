import type { Feature } from '../../app/routes';
import { addToGroupAction, cancelAction, checkAction, confirmAddAction, confirmSyncAction, syncAction } from './diagnose.actions';
import { diagnoseCommand, diagnoseFormCommand } from './diagnose.command';

export const diagnoseFeature: Feature = {
  commands: [diagnoseFormCommand, diagnoseCommand],
  actions: [checkAction, syncAction, confirmSyncAction, addToGroupAction, confirmAddAction, cancelAction],
};

export { runDiagnosis, type DiagnoseOutcome } from './run-diagnosis';
