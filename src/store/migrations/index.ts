import { conversations } from './001-conversations';
import { jobs } from './002-jobs';
import { confirmations } from './003-confirmations';
import { audit } from './004-audit';
import { watches } from './005-watches';
import { rateBuckets } from './006-rate-buckets';
import { dialogState } from './007-dialog-state';
import { memberRoles } from './008-member-roles';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration in version order (versions 1–5 are the SQL files of earlier releases: same tables, same numbers). */
export const MIGRATIONS: readonly Migration[] = [conversations, jobs, confirmations, audit, watches, rateBuckets, dialogState, memberRoles];
