import type { Environment } from '../gateways/types';

/** Syncing into a Production environment needs the requester's explicit confirm (issue 6), whichever way it is asked for. */
export const confirmBeforeSync = (environment: Environment): boolean => environment.sku === 'Production';
