import type { Feature } from '../../app/routes';
import { doctorCommand } from './doctor.command';

export const doctorFeature: Feature = { commands: [doctorCommand], actions: [] };
