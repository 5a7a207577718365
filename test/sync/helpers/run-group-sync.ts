import { cardStrings, type TestBot } from '../../helpers/bot-harness';
import { syncRuntimeFor } from '../../../src/features/sync';
import { getJob, listJobs } from '../../../src/jobs/job-store';
import { listMembers } from '../../../src/jobs/member-store';
import type { MemberRow, SyncJob } from '../../../src/jobs/job-types';

export type Card = Record<string, unknown>;

export function lastUpdatedCard(bot: TestBot): Card {
  const card = bot.updates[bot.updates.length - 1]?.attachments?.[0]?.content as Card | undefined;
  if (!card) throw new Error('the bot updated no card');
  return card;
}

/** The button that syncs every member of a preview: "Sync all" when nobody is blocked, else "Sync all anyway". */
export const SYNC_EVERYONE = /^Sync all( anyway)?$/;

type Button = { title: string; data: Record<string, unknown> };

/** Every button on the card: its action bar and any ActionSet in its body (fix buttons sit beside their check). */
function buttonsOf(node: unknown): Button[] {
  if (Array.isArray(node)) return node.flatMap(buttonsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = typeof record.type === 'string' && record.type.startsWith('Action.') && typeof record.title === 'string' ? [record as unknown as Button] : [];
  return [...own, ...Object.values(record).flatMap(buttonsOf)];
}

export function buttonData(card: Card | undefined, title: string | RegExp): Record<string, unknown> {
  const actions = buttonsOf(card).filter((a) => a.data !== undefined);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!action) throw new Error(`no "${String(title)}" button on:\n${cardStrings(card)}`);
  return action.data;
}

/** Sends the command, waits for the preview card and returns it. */
export async function preview(bot: TestBot, text: string): Promise<Card> {
  await bot.send(text);
  await syncRuntimeFor(bot.deps).idle();
  return lastUpdatedCard(bot);
}

/** Clicks a preview button ("Sync all", "Sync the 3 ready", "Sync all anyway", "Sync anyway") and waits for the job to finish. */
export async function confirmAndWait(bot: TestBot, previewCard: Card, button: string | RegExp): Promise<{ job: SyncJob; members: MemberRow[]; result: Card }> {
  const clicked = await bot.invoke('sync.confirm', buttonData(previewCard, button));
  if (!clicked.card) throw new Error(`confirm did not answer with a card: ${clicked.text ?? clicked.status}`);
  await syncRuntimeFor(bot.deps).idle();
  const [latest] = await listJobs(bot.deps.db, 1);
  if (!latest) throw new Error('no job');
  const job = await getJob(bot.deps.db, latest.id) as SyncJob;
  return { job, members: await listMembers(bot.deps.db, job.id, { offset: 0, limit: 1_000_000 }), result: lastUpdatedCard(bot) };
}
