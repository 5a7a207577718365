import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../types';

/** BAP's error envelope, `{ error: { code, message } }` (§1.1, read by Invoke-Request). */
export function bapError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

/** The wrapper the user-sync pipeline puts around its inner error (§1.3). */
export function wrappedBapError(status: number, code: string, inner: string): SimResponse {
  return bapError(status, code, `The request failed with error: '${inner}'. The tracking Id is '${randomUUID()}'.`);
}

interface SyncEntry {
  Subject: string;
  Description: string | null;
  Code: string | null;
}

/** The inner errors/information document of the user sync pipeline (verbatim shape from §1.3). */
export function syncResultDocument(
  result: { errorCode: string; description: string } | null,
  steps: string[],
  informationCode: string | null,
): { errors: SyncEntry[]; information: SyncEntry[] } {
  const errors: SyncEntry[] = result
    ? [
        { Subject: 'Result', Description: result.description, Code: result.errorCode },
        { Subject: 'InnerException', Description: null, Code: null },
        { Subject: 'AdditionalData', Description: null, Code: null },
      ]
    : [];
  return { errors, information: [{ Subject: 'Result', Description: JSON.stringify(steps), Code: informationCode }] };
}

export function environmentNotFound(name: string, tenantId: string): SimResponse {
  return wrappedBapError(404, 'EnvironmentNotFound', `The environment '${name}' could not be found in the tenant '${tenantId}'.`);
}
