import type { SimResponse } from '../types';

/** The Power Apps admin API's error envelope, `{ error: { code, message } }` (the BAP family's, §1.1). */
export function powerAppsError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}
