import type { Feature } from '../../app/routes';
import { confirmMoveAction, listUnitsCommand, moveCommand } from './business-units.command';

export const businessUnitsFeature: Feature = {
  commands: [moveCommand, listUnitsCommand],
  actions: [confirmMoveAction],
};
