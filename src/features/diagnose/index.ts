import type { Feature } from '../../app/routes';
import { addToGroupAction, cancelAction, checkAction, confirmAddAction, confirmSyncAction, syncAction } from './diagnose.actions';
import { diagnoseCommand, diagnoseFormCommand } from './diagnose.command';
import { detailAction } from './detail.action';
import { anyFlow } from '../../app/flows';
import { diagnoseAskCommand, diagnoseFlow } from './dialogs/diagnose-flow';

export const diagnoseFeature: Feature = {
  commands: [diagnoseFormCommand, diagnoseCommand],
  actions: [checkAction, detailAction, syncAction, confirmSyncAction, addToGroupAction, confirmAddAction, cancelAction],
  asks: [diagnoseAskCommand],
  flows: [anyFlow(diagnoseFlow)],
};

export { runDiagnosis, type DiagnoseOutcome } from './run-diagnosis';
