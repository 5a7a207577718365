import { AppError } from '../../errors';
import { errorEnvelope, type HttpResponse } from '../http/http-client';
import type { DataverseRefusal } from '../types';

/** What each privilege lets the bot's application user do, in words (§9.3, §9.4, and the Dataverse privilege names). */
const PRIVILEGE_WORDS: Record<string, string> = {
  prvAssignRole: 'assign security roles',
  prvReadRole: 'read security roles',
  prvCreateTeam: 'create teams',
  prvWriteTeam: 'change teams',
  prvReadTeam: 'read teams',
  prvWriteUser: 'change users',
  prvReadUser: 'read users',
  prvReadBusinessUnit: 'read business units',
  prvReadOrganization: 'read the organization settings',
};

/** The privilege a 0x80040220 message names ("… is missing prvAssignRole privilege …"), or null. */
export function missingPrivilege(message: string): string | null {
  return /is missing '?(prv\w+)'? privilege/.exec(message)?.[1] ?? null;
}

export function refusalOf(status: number, body: unknown): DataverseRefusal {
  const { code, message } = errorEnvelope(body);
  return { status, code, message, privilege: status === 403 ? missingPrivilege(message) : null };
}

/**
 * The sentence for an application user that lacks a privilege: what it could not do, the privilege, and
 * the fix (a role that has it; System Administrator has every one), with the environment's name.
 */
export function privilegeSentence(environment: string, privilege: string): string {
  const words = PRIVILEGE_WORDS[privilege] ?? `use the ${privilege} privilege`;
  return `The bot's application user in ${environment} lacks the privilege to ${words} (${privilege}): give it a security role with that privilege (System Administrator has every privilege) in the Power Platform admin center → ${environment} → Settings → Users + permissions → Application users.`;
}

/** A write Dataverse refused: the refusal itself for the use case to explain, and a user-safe message. */
export class DataverseWriteError extends AppError {
  constructor(
    readonly refusal: DataverseRefusal,
    environment: string,
  ) {
    const { status, code, message, privilege } = refusal;
    const log = `Dataverse ${environment} refused a write with ${status}${code ? ` ${code}` : ''}: ${message}`;
    if (privilege) super('dataverse.forbidden', privilegeSentence(environment, privilege), { message: log });
    else if (status === 429 || status >= 500) super('upstream.unavailable', `Dataverse (${environment}) is busy or unavailable right now. Try again in a minute.`, { message: log });
    else super(status === 403 ? 'dataverse.forbidden' : 'dataverse.failed', `Dataverse (${environment}) refused the change (HTTP ${status}${code ? `, ${code}` : ''}): ${message}`, { message: log });
  }
}

export function writeError(response: HttpResponse, instanceUrl: string): DataverseWriteError {
  return new DataverseWriteError(refusalOf(response.status, response.body), instanceUrl.replace(/\/+$/, ''));
}
