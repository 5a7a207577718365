import type { DeepPartial, SimStats } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import type { SimConfig } from '../../src/sim/types';
import { startBotSession, type BotSession } from './bot-session';
import { syncGroupThroughBot, type SyncRun } from './group-sync';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process';
import { BENCH_GROUP, contosoWithBenchGroup, UAT, uatSecurityGroupSize } from './tenant-fixture';

export interface SyncCase {
  members: number;
  /** Simulator latency and limits; what is not set keeps the simulator's defaults (no latency, Dataverse cap 52). */
  sim: DeepPartial<SimConfig>;
  timeoutMs: number;
  /** Runs while the job is running (after "Sync all"), e.g. chat messages for the responsiveness scenario, or a limit changed mid-job. */
  whileRunning?: (session: BotSession, sim: SimulatorProcess) => Promise<void>;
  /** Simulator settings for the job alone, set once the preview is there (e.g. faults on addUser, not on the preview's lookups). */
  jobSim?: DeepPartial<SimConfig>;
  /** Words after the environment in the `sync` message, e.g. `as Finance Clerk`. */
  suffix?: string;
}

export interface SyncCaseResult {
  run: SyncRun;
  /** Simulator stats from the `sync` message to the end of the job. */
  stats: SimStats;
  /** Simulator stats from the preview card to the end of the job (the job's own requests). */
  jobStats: SimStats;
  /** Size of UAT's security group (M). */
  securityGroupSize: number;
  botPeakRssMb: number;
  /** Peaks of the bot's process.memoryUsage() in MB (sampled every 250 ms), when it reported them. */
  botMemoryMb: Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number> | null;
  /** CPU seconds used during the sync (the `sync` message to the end of the job). */
  cpu: { bot: number; simulator: number };
}

/** A fresh simulator and bot process for one group sync of "Benchmark Testers" into UAT. */
export async function runSyncCase(spec: SyncCase): Promise<SyncCaseResult> {
  const fixture = contosoWithBenchGroup(spec.members);
  const sim = await startSimulatorProcess(fixture, spec.sim);
  try {
    return await syncWithBot(sim, fixture, spec);
  } finally {
    await sim.stop();
  }
}

/** One group sync by a fresh bot process against a running simulator (whose config the caller set). */
export async function syncWithBot(sim: SimulatorProcess, fixture: TenantFixture, spec: Omit<SyncCase, 'sim' | 'members'>): Promise<SyncCaseResult> {
  const session = await startBotSession(sim.origin, fixture);
  try {
    await sim.clearStats();
    const cpuBefore = { bot: session.process.cpuSeconds(), simulator: sim.process.cpuSeconds() };
    const { whileRunning } = spec;
    let atPreview: SimStats | null = null;
    const run = await syncGroupThroughBot(session, BENCH_GROUP.name, UAT.name, {
      timeoutMs: spec.timeoutMs,
      whileRunning: whileRunning ? () => whileRunning(session, sim) : undefined,
      suffix: spec.suffix,
      onPreview: async () => {
        if (spec.jobSim) await sim.configure(spec.jobSim);
        atPreview = await sim.stats();
      },
    });
    const stats = await sim.stats();
    const jobStats = since(stats, atPreview ?? stats);
    const cpu = { bot: session.process.cpuSeconds() - cpuBefore.bot, simulator: sim.process.cpuSeconds() - cpuBefore.simulator };
    const botPeakRssMb = session.process.peakRssMb();
    await session.stop();
    return { run, stats, jobStats, securityGroupSize: uatSecurityGroupSize(fixture), botPeakRssMb, botMemoryMb: reportedMemory(session.process.lines()), cpu };
  } finally {
    await session.stop();
  }
}

/** The requests counted between two snapshots, per surface and per route (other fields as `after`). */
function since(after: SimStats, before: SimStats): SimStats {
  const minus = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([key, n]) => [key, n - (b[key] ?? 0)]));
  const routes = Object.fromEntries(Object.entries(after.routes).map(([surface, counts]) => [surface, minus(counts, (before.routes as Record<string, Record<string, number>>)[surface] ?? {})]));
  return { ...after, requests: minus(after.requests, before.requests) as SimStats['requests'], routes: routes as SimStats['routes'] };
}

function reportedMemory(lines: string[]): SyncCaseResult['botMemoryMb'] {
  const line = lines.find((l) => l.startsWith('{"memory"'));
  if (!line) return null;
  const bytes = (JSON.parse(line) as { memory: Record<string, number> }).memory;
  const mb = (key: string): number => (bytes[key] ?? Number.NaN) / 1024 / 1024;
  return { rss: mb('rss'), heapTotal: mb('heapTotal'), heapUsed: mb('heapUsed'), external: mb('external'), arrayBuffers: mb('arrayBuffers') };
}

/** Latency `meanMs` ± `spreadMs`/2 (the simulator adds a uniform 0..jitter on top of the base latency). */
export function latencyAround(meanMs: number, spreadMs: number): { latencyMs: number; jitterMs: number } {
  return { latencyMs: meanMs - spreadMs / 2, jitterMs: spreadMs };
}
