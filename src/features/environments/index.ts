import type { Feature } from '../../app/routes';
import { environmentsCommand } from './environments.command';

export const environmentsFeature: Feature = { commands: [environmentsCommand], actions: [] };
