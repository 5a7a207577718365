import { inert } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { suggestionsCard } from '../../app/understand/reply-cards';
import { severalMatch, subjectLabel, type Subject } from '../../domain/access/subject';
import type { AppName } from '../../domain/resolve/resolve-app';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { diagnoseText, type DiagnoseRequest } from '../diagnose/parse-diagnose';
import { whoHasAccessText } from '../access/who-has-access';
import { LOOKED_EVERYWHERE } from '../diagnose/present-outcome';
import { appDiagnosisCard } from './app-diagnosis.card';
import { appEverywhereView, appListCard, whichAppsView } from './app-list.card';
import { audienceCard } from './app-audience.card';
import type { AppOutcome } from './diagnose-app';
import { appRequestText, whichAppsText, whoCanOpenText, type AppRequest } from './parse-apps';
import type { WhichAppsOutcome } from './apps-for-person';
import type { WhoOutcome } from './who-can-open';

export type Reply = { card: AdaptiveCard } | { text: string };
/** An app question is also answered by the environment's diagnosis, or by asking which app. */
export type AppReply = Reply | { environment: DiagnoseRequest } | { ask: AppRequest };

const key = (s: Subject): string => (s.kind === 'application' ? s.app.appId : s.kind === 'person' ? s.user.userPrincipalName : s.user.id);
const person = (u: DirectoryUser) => `${u.displayName} (${u.userPrincipalName})`;
const where = (name: AppName): string => name.apps.map((a) => a.environment.displayName).join(', ');

function choices(lead: string, options: { title: string; text: string }[], note = ''): Reply {
  return { card: suggestionsCard(lead, options, note) };
}

/** "Expense Tracker (UAT, Contoso Production)" buttons that ask the same question about each name. */
function appChoices(candidates: readonly AppName[], text: (app: string) => string) {
  return candidates.map((c) => ({ title: `${c.name} (${where(c)})`, text: text(c.name) }));
}

function environmentChoices(suggestions: readonly Environment[], text: (environment: string) => string) {
  return suggestions.map((e) => ({ title: e.displayName, text: text(e.id) }));
}

function notFound(query: string, suggestions: readonly AppName[], unread: readonly string[], text: (app: string) => string, hint: string): Reply {
  const note = unread.length > 0 ? `I couldn't read ${unread.join('; ')}` : '';
  if (suggestions.length > 0) return choices(`I can't find an app called "${query}". Did you mean`, appChoices(suggestions, text), note);
  return { text: `I can't find an app called "${inert(query)}" in the environments I can read. ${hint}${note ? ` (${note}.)` : ''}` };
}

/** "Field" starts the app Field Inspection and the environment Field Inspections: one button for each. */
function appOrEnvironment(query: string, app: AppName, environments: readonly Environment[], appText: (app: string) => string, environmentText: (environment: string) => string): Reply {
  return choices(`"${query}" could be an app or an environment. Which one do you mean?`, [
    { title: `${app.name} (app in ${where(app)})`, text: appText(app.name) },
    ...environments.map((e) => ({ title: `${e.displayName} (environment)`, text: environmentText(e.id) })),
  ]);
}

export function presentAppOutcome(outcome: AppOutcome): AppReply {
  switch (outcome.kind) {
    case 'diagnosis':
      return { card: appDiagnosisCard(outcome.diagnosis) };
    case 'everywhere':
      return { card: appListCard(appEverywhereView(outcome.person, outcome.app.name, outcome.rows)) };
    case 'environment':
      return { environment: outcome.request };
    case 'ask-app':
      return { ask: outcome.request };
    case 'choose-user':
      return choices(`${severalMatch(outcome.candidates)} "${outcome.request.user}". Who do you mean?`, outcome.candidates.map((c) => ({ title: subjectLabel(c), text: appRequestText({ ...outcome.request, user: key(c) }) })));
    case 'user-not-found': {
      const lead = `I couldn't find anyone called "${outcome.request.user}": ${LOOKED_EVERYWHERE}.${outcome.unsearched.length > 0 ? ` ${outcome.unsearched.join(' ')}` : ''}`;
      if (outcome.suggestions.length === 0) return { text: `${inert(lead)} Check the spelling, or use their email address.` };
      return choices(`${lead} Did you mean`, outcome.suggestions.map((u) => ({ title: person(u), text: appRequestText({ ...outcome.request, user: u.userPrincipalName }) })));
    }
    case 'choose-app':
      return choices(`Several apps match "${outcome.request.app ?? ''}". Which one?`, appChoices(outcome.candidates, (app) => appRequestText({ ...outcome.request, app })));
    case 'choose-app-environment': {
      const { app, request } = outcome;
      const options = app.apps.map((a) => ({ title: a.environment.displayName, text: appRequestText({ ...request, app: app.name, environment: a.environment.id, everywhere: false }) }));
      return choices(`${app.name} is in ${app.apps.length} environments. Which one should I check ${request.user} in?`, [...options, { title: 'Everywhere', text: appRequestText({ ...request, app: app.name, environment: null, everywhere: true }) }]);
    }
    case 'app-or-environment':
      return appOrEnvironment(outcome.request.app ?? '', outcome.app, outcome.environments, (app) => appRequestText({ ...outcome.request, app, everywhere: false }), (environment) => diagnoseText({ user: outcome.request.user, environment, everywhere: false }));
    case 'app-not-found':
      return notFound(outcome.query, outcome.suggestions, outcome.unread, (app) => appRequestText({ ...outcome.request, app }), `Type **which apps can ${outcome.request.user} open in** *environment* to see them.`);
    case 'environment-not-found': {
      const text = (environment: string) => appRequestText({ ...outcome.request, environment, everywhere: false });
      if (outcome.suggestions.length > 0) return choices(`There is no environment called "${outcome.query}". Did you mean`, environmentChoices(outcome.suggestions, text));
      return { text: `There is no environment called "${inert(outcome.query)}". Type **environments** to see them all.` };
    }
  }
}

export function presentWhoOutcome(outcome: WhoOutcome): Reply {
  switch (outcome.kind) {
    case 'audience':
      return { card: audienceCard(outcome.app, outcome.audience) };
    case 'is-environment':
      return { text: `${inert(outcome.environment.displayName)} is an environment, not an app: type **${inert(whoHasAccessText(outcome.environment.displayName))}**.` };
    case 'choose-app':
      return choices(`Several apps match "${outcome.request.app}". Which one?`, appChoices(outcome.candidates, (app) => whoCanOpenText({ ...outcome.request, app })));
    case 'app-or-environment':
      return appOrEnvironment(outcome.request.app, outcome.app, outcome.environments, (app) => whoCanOpenText({ app, environment: null }), whoHasAccessText);
    case 'choose-app-environment':
      return choices(`${outcome.app.name} is in ${outcome.app.apps.length} environments. Which one?`, outcome.app.apps.map((a) => ({ title: a.environment.displayName, text: whoCanOpenText({ app: outcome.app.name, environment: a.environment.id }) })));
    case 'app-not-found':
      return notFound(outcome.query, outcome.suggestions, outcome.unread, (app) => whoCanOpenText({ ...outcome.request, app }), 'Check the spelling.');
    case 'environment-not-found': {
      if (outcome.suggestions.length === 0) return { text: `There is no environment called "${inert(outcome.query)}". Type **environments** to see them all.` };
      return choices(`There is no environment called "${outcome.query}". Did you mean`, environmentChoices(outcome.suggestions, (environment) => whoCanOpenText({ ...outcome.request, environment })));
    }
  }
}

export function presentWhichOutcome(outcome: WhichAppsOutcome): Reply {
  switch (outcome.kind) {
    case 'apps':
      return { card: appListCard(whichAppsView(outcome.person, outcome.environment, outcome.rows, outcome.unread)) };
    case 'choose-environment': {
      const lead = outcome.reason === 'no-default' ? `Which environment's apps should I check for ${outcome.request.user}? (No default environment is configured.)` : `"${outcome.request.environment ?? ''}" matches several environments. Which one?`;
      return choices(lead, environmentChoices(outcome.candidates, (environment) => whichAppsText({ ...outcome.request, environment })));
    }
    case 'environment-not-found':
      if (outcome.suggestions.length === 0) return { text: `There is no environment called "${inert(outcome.query)}". Type **environments** to see them all.` };
      return choices(`There is no environment called "${outcome.query}". Did you mean`, environmentChoices(outcome.suggestions, (environment) => whichAppsText({ ...outcome.request, environment })));
    case 'choose-user':
      return choices(`${severalMatch(outcome.candidates)} "${outcome.request.user}". Who do you mean?`, outcome.candidates.map((c) => ({ title: subjectLabel(c), text: whichAppsText({ ...outcome.request, user: key(c) }) })));
    case 'user-not-found':
      if (outcome.suggestions.length === 0) return { text: `I couldn't find anyone called "${inert(outcome.request.user)}": ${LOOKED_EVERYWHERE}. Check the spelling, or use their email address.` };
      return choices(`I couldn't find anyone called "${outcome.request.user}". Did you mean`, outcome.suggestions.map((u) => ({ title: person(u), text: whichAppsText({ ...outcome.request, user: u.userPrincipalName }) })));
    case 'not-a-person':
      return { text: `${inert(subjectLabel(outcome.subject))} is not a person who can be checked for apps. Type **check ${inert(outcome.request.user)}** to see its access to an environment.` };
  }
}
