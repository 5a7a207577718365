import type { SimResponse, SurfaceHandler } from './types';
import { apiError } from './surface-errors';

/**
 * BAP and Dataverse are written in parallel by another engineer; resolve them at run time so the
 * core keeps working (501) while their modules do not exist yet.
 */
function optionalHandler(modulePath: string, exportName: string, surface: 'bap' | 'dataverse'): SurfaceHandler {
  let loaded: SurfaceHandler | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(modulePath) as Record<string, unknown>;
    if (typeof mod[exportName] === 'function') loaded = mod[exportName] as SurfaceHandler;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
  }
  return loaded ?? ((): SimResponse => apiError(surface, 501, 'NotImplemented', `The simulated ${surface} surface is not available in this build.`));
}

export const bapHandler: SurfaceHandler = optionalHandler('./bap', 'handleBap', 'bap');
export const dataverseHandler: SurfaceHandler = optionalHandler('./dataverse', 'handleDataverse', 'dataverse');
