import type { MessageRef } from '../app/turn';

export type JobKind = 'group' | 'users' | 'retry';
/** `preview`: waiting for the requester to choose Sync all / Sync ready only / Cancel. */
export type JobState = 'preview' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type MemberState = 'pending' | 'running' | 'synced' | 'failed' | 'skipped';
export type Prediction = 'ready' | 'blocked';

export interface JobOptions {
  /** Group sync only: members reached through nested groups too (transitiveMembers). */
  includeNested?: boolean;
  /** Skip members predicted as blocked. */
  readyOnly?: boolean;
  /** Keep retrying `userNotLicensed` for config.sync.licenceWaitSeconds (licence assignment lags in Entra). */
  waitForLicences?: boolean;
  /** Where "Retry failed" came from. */
  retryOf?: string;
  /** Group preview: nested groups met among the members (the first few names and how many), for the preview card. */
  nestedGroups?: { names: string[]; total: number };
  /** A sync with a role: each member gets this root role's copy of their business unit once Dataverse shows them. */
  role?: { rootRoleId: string; name: string };
  /** A sync into a business unit: members are moved there (before the role) once Dataverse shows them. */
  businessUnit?: { id: string; name: string };
  /** Group preview: the group teams of the synced group that give members a role once they are in Dataverse. */
  groupTeams?: { team: string; roles: string[]; members: number }[];
}

export interface JobTotals {
  members: number;
  synced: number;
  failed: number;
  skipped: number;
  pending: number;
  /** Synced members confirmed enabled in Dataverse `systemusers`. */
  visible: number;
}

export interface SyncJob {
  id: string;
  kind: JobKind;
  requestedBy: { aadObjectId: string | null; name: string };
  conversationKey: string | null;
  card: MessageRef | null;
  environment: { id: string; displayName: string; instanceUrl: string | null };
  /** What was asked, in words: `Financial Coordinators (group)`, `Jane Doe, Bob Lee`. */
  target: string;
  options: JobOptions;
  state: JobState;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  totals: JobTotals;
}

export interface NewMember {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  prediction?: Prediction;
  /** Check id (or inner code) behind a `blocked` prediction. */
  predictionReason?: string;
  /** Plain-words detail of the prediction. */
  predictionDetail?: string;
}

export interface MemberRow {
  seq: number;
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  state: MemberState;
  reason: string | null;
  detail: string | null;
  prediction: Prediction | null;
  predictionReason: string | null;
  attempts: number;
  visible: boolean;
  /** The role step of a sync with a role (or business unit): null when it did not run for this member. */
  role?: { state: 'assigned' | 'held' | 'failed'; detail: string | null } | null;
}

export interface MemberOutcome {
  seq: number;
  state: 'synced' | 'failed' | 'skipped';
  reason: string | null;
  detail: string | null;
  attempts: number;
}
