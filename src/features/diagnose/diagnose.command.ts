import type { TextCommand } from '../../app/routes';
import { normalise, tooLongName } from '../../app/text';
import { resolveEnvironment } from '../../domain/resolve';
import { diagnosisFormCard } from './choice.card';
import { parseDiagnose, type DiagnoseRequest } from './parse-diagnose';
import { presentOutcome } from './present-outcome';
import { runDiagnosis } from './run-diagnosis';
import { tenantCache } from '../../gateways/tenant-cache';

export const diagnoseCommand: TextCommand<DiagnoseRequest> = {
  name: 'diagnose',
  usage: "why can't <person> access <environment>  |  check <person> everywhere",
  summary: 'Find out why someone cannot get into an environment: account, licence, security group, Dataverse user, roles, environment.',
  examples: ["why can't Jane access UAT", 'check Jane everywhere'],
  access: 'helpdesk',
  parse: parseDiagnose,
  async run(turn, request, deps) {
    const refused = tooLongName([request.user]) ?? tooLongName([request.environment ?? ''], 'environment name');
    if (refused) {
      await turn.reply(refused);
      return;
    }
    await turn.typing();
    const shown = presentOutcome(await runDiagnosis(deps, request), { cloud: deps.config.microsoft.cloud.name });
    if ('card' in shown) await turn.replyCard(shown.card);
    else await turn.reply(shown.text);
  },
};

const FORM_PHRASES = new Set(['diagnose', 'check', 'check access', 'diagnose access', 'access check', "why can't someone get in"]);

/** "diagnose" on its own: the card form (person, environment, Check). */
export const diagnoseFormCommand: TextCommand<Record<string, never>> = {
  name: 'diagnose form',
  usage: 'check access',
  summary: 'Open a form to check one person in one environment (or everywhere).',
  examples: ['check access'],
  access: 'helpdesk',
  parse: (text) => (FORM_PHRASES.has(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    const environments = await tenantCache(deps).environments();
    const fallback = deps.config.defaultEnvironment ? resolveEnvironment(deps.config.defaultEnvironment, environments) : null;
    await turn.replyCard(diagnosisFormCard(environments, fallback?.kind === 'found' ? fallback.value.id : null));
  },
};
