import type { Feature } from '../../app/routes';
import { historyCommand } from './history.command';
import { jobCommand, showJobAction } from './job.command';

export const historyFeature: Feature = { commands: [historyCommand, jobCommand], actions: [showJobAction] };
