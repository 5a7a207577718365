import type { Feature } from './routes';
import { createHelpFeature } from '../features/help';
import { environmentsFeature } from '../features/environments';
import { welcomeFeature } from '../features/welcome';
import { appsFeature } from '../features/apps';
import { diagnoseFeature } from '../features/diagnose';
import { syncFeature } from '../features/sync';
import { historyFeature } from '../features/history';
import { notifyFeature } from '../features/notify';
import { watchFeature } from '../features/watch';
import { auditFeature } from '../features/audit';
import { doctorFeature } from '../features/doctor';
import { rolesFeature } from '../features/roles';
import { businessUnitsFeature } from '../features/business-units';
import { groupTeamsFeature } from '../features/group-teams';
import { accessFeature } from '../features/access';
import { licencesFeature } from '../features/licences';

/**
 * Every feature of the bot, in routing order: the first command whose parser accepts a message wins,
 * so more specific commands come first. Help lists the commands in this order.
 */
export const featureTable: Feature[] = [
  createHelpFeature(() => featureTable),
  environmentsFeature,
  welcomeFeature,
  accessFeature,
  appsFeature,
  diagnoseFeature,
  rolesFeature,
  businessUnitsFeature,
  groupTeamsFeature,
  licencesFeature,
  syncFeature,
  historyFeature,
  watchFeature,
  notifyFeature,
  auditFeature,
  doctorFeature,
];
