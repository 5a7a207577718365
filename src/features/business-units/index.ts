import type { Feature } from '../../app/routes';
import { confirmMoveAction, listUnitsCommand, moveCommand } from './business-units.command';

import { anyFlow } from '../../app/flows';
import { moveAskCommand, moveFlow } from './dialogs/move-flow';

export const businessUnitsFeature: Feature = {
  commands: [moveCommand, listUnitsCommand],
  actions: [confirmMoveAction],
  asks: [moveAskCommand],
  flows: [anyFlow(moveFlow)],
};
