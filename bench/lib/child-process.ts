import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The Node flags `npm start` runs the bot with (package.json config.botNodeOptions), so the bench measures the same process. */
export const BOT_NODE_ARGS: readonly string[] = (
  (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { config?: { botNodeOptions?: string } }).config?.botNodeOptions ?? ''
).split(/\s+/).filter((arg) => arg.length > 0);

export interface Child {
  readonly pid: number;
  /** The stdout line that matched the ready pattern. */
  readonly readyLine: string;
  /** Every stdout line so far (complete lines only). */
  lines(): string[];
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Current resident set size (VmRSS), in MB. */
  rssMb(): number;
  /** CPU time (user + system) used so far, in seconds. */
  cpuSeconds(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs a TypeScript file in its own Node process (tsx loader, no wrapper process, so the pid is the
 * process doing the work) and resolves once a stdout line matches `ready`. Stderr is kept for the
 * error message if the process dies before it is ready.
 */
export async function startTsProcess(
  script: string, args: string[], ready: RegExp, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: readonly string[] } = {},
): Promise<Child> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', resolve(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // 'close' (not 'exit'): stdout is fully read, so a last line written before exiting is kept.
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  let buffered = '';
  let onLine: (() => void) | null = null;
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    onLine?.();
  });
  const readyLine = await new Promise<string>((resolveLine, reject) => {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(new Error(`${script} was not ready within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null): void => fail(new Error(`${script} exited with ${code} before it was ready:\n${stderr}`));
    const fail = (error: Error): void => {
      clearTimeout(timer);
      onLine = null;
      child.kill('SIGKILL');
      reject(error);
    };
    onLine = () => {
      const line = buffered.split('\n').find((l) => ready.test(l));
      if (line === undefined) return;
      clearTimeout(timer);
      onLine = null;
      child.off('exit', onExit);
      resolveLine(line);
    };
    child.once('exit', onExit);
  });
  return {
    pid: child.pid as number,
    readyLine,
    lines: () => buffered.split('\n').slice(0, -1),
    peakRssMb: () => procStatusMb(child, 'VmHWM'),
    rssMb: () => procStatusMb(child, 'VmRSS'),
    cpuSeconds: () => procCpuSeconds(child),
    stop: async (graceMs = 5_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A field of /proc/<pid>/status in MB (Linux; the values are in kB). */
function procStatusMb(child: ChildProcess, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${child.pid}/status`);
  return Number(match[1]) / 1024;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
function procCpuSeconds(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
