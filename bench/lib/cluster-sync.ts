import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DeepPartial, SimStats } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import type { SimConfig } from '../../src/sim/types';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';
import { startPostgres } from '../../test/helpers/postgres-server';
import { botChat } from './bot-chat';
import { BOT_NODE_ARGS, startTsProcess, type Child } from './child-process';
import { buttonData, cardOf, FakeConnector } from './fake-connector';
import { startSimulatorProcess } from './simulator-process';
import { UAT } from './tenant-fixture';

const POWER_APPS_PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';

export interface ClusterSyncResult {
  /** Members synced by all the jobs together. */
  synced: number;
  /** First job's start → last job's finish (the runner's own timestamps, visibility checks included). */
  wallMs: number;
  stats: SimStats;
  /** CPU seconds of all bot processes during the syncs. */
  botCpuSeconds: number;
  simulatorCpuSeconds: number;
}

/** The demo tenant plus one licensed group per instance ("Cluster Team 1", …), `members` in all, every member in UAT's security group. */
function tenantWithTeams(members: number, teams: number): { fixture: TenantFixture; names: string[] } {
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  const names = Array.from({ length: teams }, (_, i) => `Cluster Team ${i + 1}`);
  const generators = names.map((name, i) => ({
    groupId: `c1a5e700-0000-4000-8000-00000000000${i + 1}`,
    groupDisplayName: name,
    count: Math.floor(members / teams) + (i < members % teams ? 1 : 0),
    namePrefix: `cluster.team${i + 1}.`,
    mix: [{ share: 1, licenses: [{ skuId: POWER_APPS_PREMIUM }] }],
    alsoMemberOf: [UAT.securityGroupId],
  }));
  return { fixture: { ...fixture, generators: [...(fixture.generators ?? []), ...generators] }, names };
}

/**
 * N bot instances (each the real bot in its own process) on one PostgreSQL database and one
 * simulator: each instance gets its own group sync at the same moment (sync → preview → Sync all),
 * so `members` are split over N jobs started on N instances, which all must go through one admission
 * limit: the addUser lane. PostgreSQL is DATABASE_URL when set, else an embedded one for the run.
 */
export async function runClusterSync(spec: { members: number; instances: number; sim: DeepPartial<SimConfig>; timeoutMs: number }): Promise<ClusterSyncResult> {
  const { fixture, names } = tenantWithTeams(spec.members, spec.instances);
  const postgres = await startPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const database = `bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(postgres.url);
  url.pathname = `/${database}`;
  const sim = await startSimulatorProcess(fixture, spec.sim);
  const connector = new FakeConnector();
  await connector.start();
  const bots: Child[] = [];
  const store = new pg.Client({ connectionString: url.toString() });
  try {
    // One after the other: the first creates the schemas and takes the lane.
    for (let i = 0; i < spec.instances; i += 1) {
      bots.push(await startTsProcess('bench/bot-process.ts', [JSON.stringify({ SIM_URL: sim.origin, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' })], /^\{"url"/, { nodeArgs: BOT_NODE_ARGS, timeoutMs: 120_000 }));
    }
    await store.connect();
    const chats = await Promise.all(bots.map((bot, i) => botChat((JSON.parse(bot.readyLine) as { url: string }).url, connector, fixture, `bench-in-${i}`)));
    const previews = await Promise.all(chats.map(async (chat, i) => {
      const { activityId } = await chat.send(`sync ${names[i]} to ${UAT.name}`);
      const progress = await chat.replyTo(activityId, (s) => cardOf(s) !== undefined, 60_000);
      const preview = await connector.waitFor((s) => s.method === 'PUT' && s.id === progress.id && buttonData(cardOf(s), 'Sync all') !== undefined, spec.timeoutMs, 'a sync preview card');
      return buttonData(cardOf(preview), 'Sync all') as Record<string, unknown>;
    }));
    await sim.clearStats();
    const cpuBefore = { bots: bots.reduce((sum, b) => sum + b.cpuSeconds(), 0), sim: sim.process.cpuSeconds() };
    await Promise.all(chats.map((chat, i) => chat.invoke('sync.confirm', previews[i] as Record<string, unknown>)));
    const jobs = await waitForJobs(store, spec.instances, spec.timeoutMs);
    const stats = await sim.stats();
    return {
      synced: jobs.reduce((sum, j) => sum + Number(j.synced), 0),
      wallMs: Math.max(...jobs.map((j) => Number(j.finished_at))) - Math.min(...jobs.map((j) => Number(j.started_at))),
      stats,
      botCpuSeconds: bots.reduce((sum, b) => sum + b.cpuSeconds(), 0) - cpuBefore.bots,
      simulatorCpuSeconds: sim.process.cpuSeconds() - cpuBefore.sim,
    };
  } finally {
    await store.end().catch(() => undefined);
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector.stop();
    await sim.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await postgres.stop();
  }
}

interface JobRow {
  state: string;
  started_at: string | null;
  finished_at: string | null;
  synced: number;
}

async function waitForJobs(store: pg.Client, count: number, timeoutMs: number): Promise<JobRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await store.query<JobRow>("SELECT state, started_at, finished_at, synced FROM sync_jobs WHERE state <> 'preview'");
    if (rows.length === count && rows.every((r) => ['done', 'failed', 'cancelled'].includes(r.state))) return rows;
    if (Date.now() > deadline) throw new Error(`the ${count} sync jobs did not finish within ${timeoutMs} ms (${rows.map((r) => r.state).join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
