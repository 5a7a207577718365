import { anyFlow } from '../../app/flows';
import type { Feature } from '../../app/routes';
import { checkAppAction, confirmShareAction, shareAppAction } from './apps.actions';
import { appAccessCommand, whichAppsCommand, whoCanOpenCommand } from './apps.commands';
import { appFlow } from './dialogs/app-flow';

/** Access to one app (canvas or model-driven), who can open it, and which apps a person can open. Before diagnose in the table. */
export const appsFeature: Feature = {
  commands: [whichAppsCommand, whoCanOpenCommand, appAccessCommand],
  actions: [checkAppAction, shareAppAction, confirmShareAction],
  flows: [anyFlow(appFlow)],
};

export { diagnoseApp, type AppOutcome } from './diagnose-app';
