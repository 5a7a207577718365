import type { Feature } from '../../app/routes';
import { auditCommand } from './audit.command';

export const auditFeature: Feature = { commands: [auditCommand], actions: [] };
