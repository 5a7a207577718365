import { AppError } from '../../errors';

/** Graph's refusal of a change: status, `error.code` and `error.message` (§4.9: branch on the code, read the message for §12's texts). */
export interface GraphRefusal {
  status: number;
  code: string;
  message: string;
}

/** What each write permission lets the bot do, in words. */
const PERMISSION_WORDS: Record<string, string> = {
  'GroupMember.ReadWrite.All': 'add people to groups and remove them',
  'LicenseAssignment.ReadWrite.All': 'assign licences',
};

/** The sentence for a missing Graph application permission: what it is for, the permission, and where an admin grants it. */
export function permissionSentence(permission: string): string {
  const words = PERMISSION_WORDS[permission] ?? 'do this';
  return (
    `Microsoft Graph refused: the bot's app registration lacks the application permission ${permission}, which it needs to ${words}. ` +
    `An admin grants it in the Microsoft Entra admin center → App registrations → the bot's app → API permissions → Add a permission → Microsoft Graph → Application permissions → ${permission}, then Grant admin consent (run "doctor" to check).`
  );
}

/** A change Graph refused (4xx): the refusal for the use case to explain, and a user-safe message. */
export class GraphWriteError extends AppError {
  constructor(
    readonly refusal: GraphRefusal,
    readonly permission: string,
  ) {
    const log = `Microsoft Graph refused a change with ${refusal.status} ${refusal.code}: ${refusal.message}`;
    super('graph.failed', refusal.status === 403 ? permissionSentence(permission) : `Microsoft Graph refused the change (HTTP ${refusal.status}, ${refusal.code || 'no code'}): ${refusal.message}`, { message: log });
  }
}
