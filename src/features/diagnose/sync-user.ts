import type { Deps } from '../../app/deps';
import type { MessageRef } from '../../app/turn';
import { addUserReason } from '../../domain/access/add-user-reasons';
import { evaluateAccess } from '../../domain/access/evaluate';
import { toAppError } from '../../errors';
import type { AddUserOutcome, DirectoryUser, Environment } from '../../gateways/types';
import { diagnosisCard, type DiagnosisCardOptions } from './diagnosis.card';
import { syncRuntimeFor } from '../sync/sync-runtime';
import { gatherFacts } from './gather-facts';

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the systemusers table with backoff until the user is there and enabled, or the time is up. */
export async function waitUntilVisible(deps: Pick<Deps, 'dataverse' | 'now'>, instanceUrl: string, userId: string, timeoutMs: number): Promise<boolean> {
  const deadline = deps.now() + timeoutMs;
  let wait = FIRST_POLL_MS;
  for (;;) {
    const rows = await deps.dataverse.findSystemUsers(instanceUrl, [userId]);
    if (rows.some((row) => row.azureObjectId.toLowerCase() === userId.toLowerCase() && !row.isDisabled)) return true;
    const left = deadline - deps.now();
    if (left <= 0) return false;
    await sleep(Math.min(wait, left));
    wait = Math.min(wait * 2, MAX_POLL_MS);
  }
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

function noteFor(outcome: AddUserOutcome, visible: boolean, user: DirectoryUser, env: Environment): DiagnosisCardOptions['note'] {
  const name = user.displayName;
  if (outcome.ok) {
    return visible
      ? { text: `Synced: ${name} is now in ${env.displayName}.`, tone: 'good' }
      : { text: `Power Platform accepted the sync, but ${name} isn't visible in ${env.displayName} yet. Press Re-check in a minute.`, tone: 'bad' };
  }
  if (outcome.kind === 'rejected') {
    const reason = addUserReason(outcome.code);
    const said = `${outcome.code}${outcome.description ? `: "${clip(outcome.description)}"` : ''}`;
    // The checks below are the diagnosis itself, so an unexplained code points at them rather than at a new diagnosis.
    if (reason.reason === 'unknown') return { text: `Power Platform refused the sync (${said}). The checks below show what I can see.`, tone: 'bad' };
    return { text: `Power Platform refused the sync: ${reason.title} (${said}). ${reason.fix}`, tone: 'bad' };
  }
  return { text: `Power Platform is busy right now (HTTP ${outcome.status}). Press Sync again in a minute.`, tone: 'bad' };
}

export interface SyncTarget {
  /** The card to update in place; when unknown, the result is posted as a new card. */
  ref: MessageRef | undefined;
  conversationKey: string;
}

/** addUser once, wait for the row, re-diagnose, and put the result on the card. Never throws: failures go to the card and the log. */
export async function syncAndRecheck(deps: Deps, user: DirectoryUser, env: Environment, target: SyncTarget): Promise<void> {
  const deliver = async (card: ReturnType<typeof diagnosisCard>) => {
    if (target.ref) await deps.notifier.updateCard(target.ref, card);
    else await deps.notifier.sendCard(target.conversationKey, card);
  };
  try {
    const outcome = await syncRuntimeFor(deps).engine.addUserNow(env.id, user.id);
    const visible =
      outcome.ok && env.dataverse ? await waitUntilVisible(deps, env.dataverse.instanceUrl, user.id, deps.config.sync.confirmVisibilitySeconds * 1000) : false;
    deps.log.info({ environmentId: env.id, userId: user.id, ok: outcome.ok, visible }, 'diagnose: sync now finished');
    const diagnosis = evaluateAccess(await gatherFacts(deps, user, env));
    await deliver(diagnosisCard(diagnosis, { note: noteFor(outcome, visible, user, env), cloud: deps.config.microsoft.cloud.name }));
  } catch (error) {
    const appError = toAppError(error);
    deps.log.error({ err: appError.message, code: appError.code, environmentId: env.id, userId: user.id }, 'diagnose: sync now failed');
    await deps.notifier
      .sendText(target.conversationKey, `The sync of ${user.displayName} to ${env.displayName} failed: ${appError.userMessage}`)
      .catch((sendError: unknown) => deps.log.error({ err: toAppError(sendError).message }, 'diagnose: could not report the failed sync'));
  }
}
