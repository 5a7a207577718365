import type { Feature } from '../../app/routes';
import { welcomeCommand } from './welcome.command';

export { sendWelcome } from './welcome.command';
export const welcomeFeature: Feature = { commands: [welcomeCommand], actions: [] };
