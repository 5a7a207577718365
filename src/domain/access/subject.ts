import type { DeletedUser, DirectoryUser, ServicePrincipal } from '../../gateways/types';

/**
 * Who a diagnosis is about: a person; a person whose Entra account was deleted (§13); or an application,
 * i.e. an Entra service principal with (or without) a Dataverse application user (§14).
 */
export type Subject =
  | { kind: 'person'; user: DirectoryUser }
  | { kind: 'deletedPerson'; user: DeletedUser }
  | { kind: 'application'; app: ServicePrincipal };

/** The subject as a diagnosis reports it (card header, CLI JSON `subject`). */
export type DiagnosisSubject =
  | { kind: 'person'; id: string; displayName: string; userPrincipalName: string }
  | {
      kind: 'deletedPerson';
      id: string;
      displayName: string;
      /** The UPN before deletion, when Entra shows it altered (UNVERIFIED): the object-id prefix removed. */
      userPrincipalName: string;
      deletedDateTime: string;
      /** deletedDateTime + 30 days (§13): the last moment Entra can restore the account. */
      restorableUntil: string;
      restorable: boolean;
    }
  | { kind: 'application'; id: string; appId: string; displayName: string };

/** The id a button or a re-check uses to find the subject again: object id, or the app's application (client) id. */
export function subjectKey(subject: Subject): string {
  return subject.kind === 'application' ? subject.app.appId : subject.user.id;
}

export function subjectName(subject: Subject): string {
  return subject.kind === 'application' ? subject.app.displayName : subject.user.displayName;
}

/**
 * Entra may show a deleted user's UPN with the object id (32 hex digits, no hyphens) in front
 * (§13, UNVERIFIED): the UPN the person had, for display and matching.
 */
export function upnBeforeDeletion(user: Pick<DeletedUser, 'id' | 'userPrincipalName'>): string {
  const prefix = user.id.replace(/-/g, '').toLowerCase();
  return user.userPrincipalName.toLowerCase().startsWith(prefix) ? user.userPrincipalName.slice(prefix.length) : user.userPrincipalName;
}

/** "Ben Carter (ben.carter@contoso.com)", "Integration Hub (application, app id …)". */
export function subjectLabel(subject: Subject): string {
  switch (subject.kind) {
    case 'person':
      return `${subject.user.displayName} (${subject.user.userPrincipalName})`;
    case 'deletedPerson':
      return `${subject.user.displayName} (${upnBeforeDeletion(subject.user)}, deleted)`;
    case 'application':
      return `${subject.app.displayName} (application, app id ${subject.app.appId})`;
  }
}

/** "Several people match", "Several people and applications match", … for a choice between candidates. */
export function severalMatch(candidates: readonly Subject[]): string {
  const apps = candidates.some((c) => c.kind === 'application');
  const people = candidates.some((c) => c.kind !== 'application');
  if (apps && people) return 'Several people and applications match';
  if (apps) return 'Several applications match';
  return candidates.every((c) => c.kind === 'deletedPerson') ? 'Several deleted accounts match' : 'Several people match';
}
