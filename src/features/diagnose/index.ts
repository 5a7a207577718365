import type { Feature } from '../../app/routes';
import { addToGroupAction, cancelAction, checkAction, confirmAddAction, syncAction } from './diagnose.actions';
import { diagnoseCommand, diagnoseFormCommand } from './diagnose.command';

export const diagnoseFeature: Feature = {
  commands: [diagnoseFormCommand, diagnoseCommand],
  actions: [checkAction, syncAction, addToGroupAction, confirmAddAction, cancelAction],
};

export { runDiagnosis, type DiagnoseOutcome } from './run-diagnosis';
export { backgroundSyncsSettled } from './sync-user';
