/**
 * What telemetry costs the bot: time to listening and peak memory, with telemetry off and with
 * OTLP export on (to a local receiver that accepts and discards everything).
 * Usage: `npx tsx scripts/measure-telemetry.ts [runs]` (default 5 start-ups per mode).
 *
 * Each start-up is the real bot process (bench/bot-process.ts with the Node flags `npm start`
 * uses: `package.json` `config.botNodeOptions`) joined to a simulator in its own process: the time is from
 * spawn to the bot's "listening" line (module loading included), in wall time and in the bot
 * process's CPU time (which other load on the machine disturbs less). The load run then sends 20
 * diagnoses and syncs a 2,000-member group, and reads the bot's peak process.memoryUsage().
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBotSession } from '../bench/lib/bot-session';
import { BOT_NODE_ARGS, startTsProcess } from '../bench/lib/child-process';
import { syncGroupThroughBot } from '../bench/lib/group-sync';
import { startSimulatorProcess } from '../bench/lib/simulator-process';
import { BENCH_GROUP, UAT, contosoWithBenchGroup } from '../bench/lib/tenant-fixture';

const MEMBERS = 2_000;
const MB = 1024 * 1024;

async function startSink(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const fixture = contosoWithBenchGroup(MEMBERS);
  const latency = { latencyMs: 5, jitterMs: 0 };
  const sim = await startSimulatorProcess(fixture, { graph: latency, bap: { ...latency, maxConcurrent: 20 }, dataverse: latency });
  const sink = await startSink();
  const modes: Record<string, Record<string, string>> = { off: {}, otlp: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } };
  const rows: string[] = [];
  try {
    for (const [mode, env] of Object.entries(modes)) {
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs + 1; i += 1) {
        const started = performance.now();
        const child = await startTsProcess('bench/bot-process.ts', [JSON.stringify({ SIM_URL: sim.origin, STORE_PATH: ':memory:', ...env })], /^\{"url"/, {
          nodeArgs: BOT_NODE_ARGS,
          env: { ...process.env, ...env },
        });
        const elapsed = performance.now() - started;
        const cpuSeconds = child.cpuSeconds();
        await child.stop();
        if (i === 0) continue; // the first run warms tsx's transform cache
        times.push(elapsed);
        cpu.push(cpuSeconds * 1000);
      }
      await sim.reset();
      const session = await startBotSession(sim.origin, fixture, env);
      let memory: Record<string, number> | undefined;
      try {
        for (let i = 0; i < 20; i += 1) {
          const { activityId } = await session.send(`why can't Jane Doe access ${i % 2 === 0 ? 'UAT' : 'Contoso Production'}`);
          await session.replyTo(activityId, (s) => s.activity.type === 'message', 30_000);
        }
        const run = await syncGroupThroughBot(session, BENCH_GROUP.name, UAT.name, { timeoutMs: 300_000 });
        if (run.synced < MEMBERS) throw new Error(`only ${run.synced} of ${MEMBERS} synced`);
      } finally {
        await session.stop();
        const line = session.process.lines().find((l) => l.startsWith('{"memory"'));
        memory = line ? (JSON.parse(line) as { memory: Record<string, number> }).memory : undefined;
      }
      const heap = (memory?.heapUsed ?? Number.NaN) / MB;
      rows.push(
        `| ${mode} | ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) | ${median(cpu).toFixed(0)} ms | ${heap.toFixed(1)} MB | ${((memory?.heapTotal ?? Number.NaN) / MB).toFixed(1)} MB | ${((memory?.rss ?? Number.NaN) / MB).toFixed(0)} MB | ${(256 - heap).toFixed(0)} MB |`,
      );
    }
  } finally {
    await sink.close();
    await sim.stop();
  }
  process.stdout.write(
    `Node ${process.version}, ${runs} start-ups per mode (median), load: 20 diagnoses + ${MEMBERS}-member group sync; OTLP requests received: ${sink.received()}\n` +
      '| telemetry | time to listening (wall) | CPU time to listening | peak heap used | peak heap total | peak RSS | headroom under 256 MB |\n|---|---|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
