import type { Feature } from '../../app/routes';
import { notifyHereCommand, stopNotifyingCommand } from './notify.command';

export const notifyFeature: Feature = { commands: [stopNotifyingCommand, notifyHereCommand], actions: [] };
