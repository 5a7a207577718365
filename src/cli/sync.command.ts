import { userInfo } from 'node:os';
import { collapseSpaces, sanitise } from '../app/text';
import { resolveEnvironment } from '../domain/resolve';
import { invalidInput } from '../errors';
import { noDataverse } from '../features/environments/environment-replies';
import { writeJsonReport, writeTextReport } from '../features/sync/cli-report';
import { fillMembers } from '../features/sync/fill-members';
import { splitNames, type SyncRequest } from '../features/sync/parse-sync';
import { resolveTarget } from '../features/sync/resolve-target';
import { refuseSyncRequest } from '../features/sync/start-sync';
import { systemClock } from '../jobs/clock';
import { createJobRunner } from '../jobs/create-runner';
import { createJob, deleteJob, getJob, transitionJob } from '../jobs/job-store';
import { skipBlocked } from '../jobs/member-store';
import { setAfterSyncStep } from '../jobs/after-sync';
import { answerLines } from '../features/roles/shared/answer';
import { createRoleStep } from '../features/sync/role-step/role-step';
import { resolveSyncRole } from '../features/sync/role-step/resolve-sync-role';
import type { Deps } from '../app/deps';
import type { CliCommand, CliIo } from './commands';

const USAGE = 'sync <group|users> --env <env> [--role <role>] [--business-unit <unit>] [--dry-run] [--json] [--including-nested] [--ready-only] [--wait-for-licences]';
const FLAGS = new Set(['--dry-run', '--json', '--including-nested', '--ready-only', '--wait-for-licences']);

interface CliSyncArgs {
  request: SyncRequest;
  dryRun: boolean;
  json: boolean;
}

export function parseSyncArgs(rawArgs: readonly string[], defaultEnvironment: string | null): CliSyncArgs {
  const args = rawArgs.map(sanitise);
  const words: string[] = [];
  let environment = defaultEnvironment;
  const roleParts: { role?: string; businessUnit?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--env') environment = args[++i] ?? '';
    else if (arg.startsWith('--env=')) environment = arg.slice('--env='.length);
    else if (arg === '--role') roleParts.role = collapseSpaces(args[++i] ?? '');
    else if (arg === '--business-unit') roleParts.businessUnit = collapseSpaces(args[++i] ?? '');
    else if (arg.startsWith('--') && !FLAGS.has(arg)) throw invalidInput(`Unknown option ${arg}. Usage: ${USAGE}`);
    else if (!arg.startsWith('--')) words.push(arg);
  }
  const target = collapseSpaces(words.join(' '));
  environment = collapseSpaces(environment ?? '');
  if (target === '') throw invalidInput(`Say who to sync. Usage: ${USAGE}`);
  if (environment === '') throw invalidInput(`Say where to sync with --env <environment> (or set DEFAULT_ENVIRONMENT). Usage: ${USAGE}`);
  const has = (flag: string) => args.includes(flag);
  if (roleParts.role === '' || roleParts.businessUnit === '') throw invalidInput(`Name the role after --role and the business unit after --business-unit. Usage: ${USAGE}`);
  const request = { target, names: splitNames(target), environment, includeNested: has('--including-nested'), readyOnly: has('--ready-only'), waitForLicences: has('--wait-for-licences'), ...roleParts };
  const refused = refuseSyncRequest(request);
  if (refused) throw invalidInput(refused);
  return { request, dryRun: has('--dry-run'), json: has('--json') };
}

const FINAL = new Set(['done', 'failed', 'cancelled']);

/**
 * The job on the bot's runner: with SQLite in this process (the only instance); with PostgreSQL
 * handed to the instance holding the addUser lane, so a CLI sync shares the bots' admission limit
 * instead of adding a limiter of its own. Progress is read from the store either way.
 */
async function runOnTheRunner(deps: Deps, jobId: string, io: CliIo): Promise<void> {
  const runner = createJobRunner(
    { db: deps.db, powerPlatform: deps.powerPlatform, dataverse: deps.dataverse, log: deps.log, sync: deps.config.sync },
    { onProgress: () => Promise.resolve(), onFinished: () => Promise.resolve() },
    { kind: deps.store.kind, config: deps.config },
    'cli',
  );
  try {
    await runner.start(jobId);
    if (deps.store.kind === 'postgres') io.err(`Job ${jobId} is handed to the bot's instances (PostgreSQL): the one holding the addUser lane runs it. Waiting for it; with no bot running it waits until one starts (Ctrl+C leaves it queued).`);
    let said = '';
    for (let job = await getJob(deps.db, jobId); job && !FINAL.has(job.state); job = await getJob(deps.db, jobId)) {
      const line = `${job.totals.synced + job.totals.failed + job.totals.skipped} of ${job.totals.members} done…`;
      if (job.state === 'running' && line !== said) io.err((said = line));
      const tick = new AbortController();
      await Promise.race([runner.idle(), systemClock.sleep(deps.config.sync.progressIntervalSeconds * 1000, tick.signal)]);
      tick.abort();
    }
  } finally {
    await runner.stop();
  }
}

/** `npm run cli -- sync …`: the same job runner as the bot, waited for in the foreground. Exit 0 all done, 3 some failed, 1 stopped. */
export const syncCliCommand: CliCommand = {
  name: 'sync',
  usage: USAGE,
  summary: 'Force-sync a group or people into an environment (or predict with --dry-run).',
  async run(args, deps, io) {
    const { request, dryRun, json } = parseSyncArgs(args, deps.config.defaultEnvironment);
    const env = resolveEnvironment(request.environment, await deps.powerPlatform.listEnvironments());
    if (env.kind !== 'found') {
      const names = env.kind === 'ambiguous' ? env.candidates : env.suggestions;
      throw invalidInput(`${env.kind === 'ambiguous' ? 'Several environments match' : 'No environment matches'} "${request.environment}".${names.length ? ` Candidates: ${names.map((e) => e.displayName).join(', ')}.` : ''}`);
    }
    const environment = env.value;
    if (!environment.dataverse) throw invalidInput(noDataverse(environment));
    const roleParts = await resolveSyncRole(deps, environment, request, (part) => `--role "${part.role ?? request.role ?? ''}"${part.businessUnit ?? request.businessUnit ? ` --business-unit "${part.businessUnit ?? request.businessUnit}"` : ''}`);
    if (!roleParts.ok) throw invalidInput(answerLines(roleParts.answer).join('\n'));
    const target = await resolveTarget(request, deps.graph);
    if (target.kind === 'unknown') throw invalidInput(target.message);
    if (target.kind === 'choose') throw invalidInput(`${target.question} ${target.candidates.map((c) => `${c.title} [${c.id}]`).join('; ')}`);

    const jobId = await createJob(deps.db, {
      kind: target.kind === 'group' ? 'group' : 'users',
      requestedBy: { aadObjectId: null, name: `CLI (${userInfo().username})` },
      conversationKey: null,
      environment: { id: environment.id, displayName: environment.displayName, instanceUrl: environment.dataverse.instanceUrl },
      target: target.kind === 'group' ? `${target.group.displayName} (group)` : target.users.map((u) => u.displayName).join(', '),
      options: { includeNested: request.includeNested, readyOnly: request.readyOnly, waitForLicences: request.waitForLicences, ...roleParts.options },
      state: 'preview',
      now: deps.now(),
    });
    const source = target.kind === 'group' ? { group: target.group, includeNested: request.includeNested } : { users: target.users };
    await fillMembers({ deps, jobId, environment, source });
    const report = () => (json ? writeJsonReport : writeTextReport)(deps.db, jobId, dryRun, io);
    if (dryRun) {
      await report();
      await deleteJob(deps.db, jobId);
      return 0;
    }
    if (request.readyOnly) await skipBlocked(deps.db, jobId);
    await transitionJob(deps.db, jobId, ['preview'], 'queued', { now: deps.now() });
    setAfterSyncStep(deps.db, createRoleStep(deps));
    await runOnTheRunner(deps, jobId, io);
    await report();
    const job = await getJob(deps.db, jobId);
    return job?.state !== 'done' ? 1 : job.totals.failed > 0 ? 3 : 0;
  },
};
