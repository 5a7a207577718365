import type { TenantFixture } from '../../src/sim/model';
import { startBotSession, type BotSession } from './bot-session';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process';

/**
 * The simulator (every Graph, BAP, Power Apps and Dataverse request taking `latencyMs`) and the real bot, each in
 * its own process, for a scenario that chats with the bot; both are stopped when `use` settles.
 */
export async function withChatSession<T>(fixture: TenantFixture, latencyMs: number, use: (session: BotSession, sim: SimulatorProcess) => Promise<T>): Promise<T> {
  const latency = { latencyMs, jitterMs: 0 };
  const sim = await startSimulatorProcess(fixture, { graph: latency, bap: latency, powerApps: latency, dataverse: latency });
  try {
    const session = await startBotSession(sim.origin, fixture);
    try {
      return await use(session, sim);
    } finally {
      await session.stop();
    }
  } finally {
    await sim.stop();
  }
}
