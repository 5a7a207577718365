/**
 * `npx tsx bench/publish-results.ts [bench/results/latest.json]`: puts the results table of a full
 * run into README.md (the body of "## Benchmarks") and docs/benchmarks.md (between the
 * `<!-- bench:results -->` markers). Refuses smoke results.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/child-process';
import { markdownTable, type RunReport } from './lib/results';

function summary(report: RunReport): string {
  const missed = report.rows.filter((r) => r.pass === false).length;
  const checked = report.rows.filter((r) => r.pass !== null).length;
  return `Full run of ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${report.durationSeconds} s on ${report.machine.cpus} CPUs (Node ${report.machine.node}); ` +
    `${checked - missed} of ${checked} targets met${report.errors.length > 0 ? `, ${report.errors.length} scenario(s) could not run` : ''}.`;
}

function main(): void {
  const file = process.argv[2] ?? join(REPO_ROOT, 'bench', 'results', 'latest.json');
  const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  if (report.mode !== 'full') throw new Error(`${file} holds a ${report.mode} run; publish only full runs (npm run bench).`);
  const table = `${summary(report)}\n\n${markdownTable(report.rows)}`;

  const readmePath = join(REPO_ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const section = /(## Benchmarks\n)([\s\S]*?)(\n## |$)/.exec(readme);
  if (!section) throw new Error('README.md has no "## Benchmarks" section');
  const body = `\n\`npm run bench\` (about 7 minutes on 2 idle CPUs; \`-- --smoke\` for a quick check) runs every scenario with the real bot and the simulated tenant in their own processes. What is measured, the conditions, and how the sync limiter reaches the targets: [docs/benchmarks.md](docs/benchmarks.md).\n\n${table}\n`;
  writeFileSync(readmePath, readme.replace(section[0], () => `${section[1]}${body}${section[3]}`));

  const docPath = join(REPO_ROOT, 'docs', 'benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const markers = /(<!-- bench:results -->\n)[\s\S]*?(<!-- \/bench:results -->)/;
  if (!markers.test(doc)) throw new Error('docs/benchmarks.md has no <!-- bench:results --> markers');
  writeFileSync(docPath, doc.replace(markers, (_all, open: string, close: string) => `${open}${table}\n${close}`));
  process.stdout.write(`Published ${file} into README.md and docs/benchmarks.md\n`);
}

main();
