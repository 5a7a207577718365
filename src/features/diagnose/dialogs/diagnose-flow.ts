import { askFor, textSlot, type Flow } from '../../../app/flows';
import type { TextCommand } from '../../../app/routes';
import { environmentSlot, EVERYWHERE } from '../../environments/dialogs/environment-slot';
import { diagnoseCommand } from '../diagnose.command';
import { diagnoseText, parseVagueDiagnose, type DiagnoseRequest, type VagueDiagnoseRequest } from '../parse-diagnose';

/** Answers that still name nobody. */
const NOBODY = /^(?:someone|somebody|a user|a person|anyone|anybody|i don'?t know|not sure|no idea)$/i;

/** "Someone can't get into UAT": asks who (and where, with Everywhere), then runs the diagnosis. */
export const diagnoseFlow: Flow<DiagnoseRequest> = {
  id: 'diagnose',
  command: diagnoseCommand,
  slots: [
    textSlot<DiagnoseRequest>({
      key: 'user',
      kind: 'person',
      question: (r) => (r.environment ? `Who can't get into ${r.environment}?` : "Who can't get in?"),
      hint: 'Type their name or email address.',
      refuse: NOBODY,
    }),
    environmentSlot<DiagnoseRequest>({
      key: 'environment',
      dataverseOnly: false,
      everywhere: true,
      question: (r) => `Where should I check "${r.user ?? ''}"?`,
    }),
  ],
  complete: (r) => {
    const everywhere = r.everywhere === true || r.environment === EVERYWHERE;
    return { user: r.user ?? '', environment: everywhere ? null : (r.environment ?? null), everywhere };
  },
  asText: (r) => (r.user ? diagnoseText(diagnoseFlow.complete(r)) : `someone can't access${r.environment ? ` ${r.environment}` : ''}`),
};

/** A complaint about nobody in particular ("a user can't get in"): the dialog asks who, and where. */
export const diagnoseAskCommand: TextCommand<VagueDiagnoseRequest> = {
  name: 'diagnose (ask)',
  usage: "someone can't access <environment>",
  summary: 'Asks who cannot get in (and where), then finds out why.',
  examples: ["someone can't get into UAT"],
  access: 'helpdesk',
  parse: parseVagueDiagnose,
  run: (turn, vague) => {
    // "I can't get in": the speaker, when Teams says who they are.
    const user = vague.self ? turn.caller.aadObjectId : undefined;
    return askFor(turn, diagnoseFlow, { ...(user ? { user } : {}), ...(vague.environment ? { environment: vague.environment } : {}), everywhere: false });
  },
};
