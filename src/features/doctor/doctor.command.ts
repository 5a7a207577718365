import type { TextCommand } from '../../app/routes';
import { normalise } from '../../app/text';
import { demoTenantLabel } from '../../cards/demo-tenant';
import { doctorCard } from './doctor.card';
import { runDoctor } from './run-doctor';

const PHRASES = new Set(['doctor', 'self-check', 'self check', 'selfcheck', 'run doctor']);

export const doctorCommand: TextCommand<Record<string, never>> = {
  name: 'doctor',
  usage: 'doctor',
  summary: "Check the bot's own setup in this tenant (settings, tokens, Graph permissions, role groups, each environment's application user) and name the fix for each problem. Read-only.",
  examples: ['doctor', 'self-check'],
  access: 'admin',
  // One request per Graph permission and up to five per Dataverse environment.
  expensive: true,
  parse: (text) => (PHRASES.has(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    await turn.typing();
    const report = await runDoctor(deps);
    turn.log.info({ status: report.status, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id) }, 'doctor finished');
    await turn.replyCard(doctorCard(report, demoTenantLabel(deps.config)));
  },
};
