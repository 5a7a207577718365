/**
 * What the bot says about requests it does not serve: what it can't do, where that is done (admin-site
 * pages it links itself, PowerShell or `pac` commands) and what it can do nearby. Rows of
 * request-families.ts point here. Paths are as Microsoft Learn describes the admin sites; `{environment}`
 * becomes the environment the sentence named (when the tenant has it) and `{environmentId}` its id.
 */
import type { AdminCenter } from './admin-centers';
import type { Named, Suggestion } from './request-families';

export interface Place {
  center: AdminCenter;
  /** Link to the named environment's own page when there is one. */
  environmentPage?: boolean;
  /** From the site's start page to the thing. */
  path: string;
}

export interface ShellCommand {
  label: string;
  command: string;
}

export interface Decline {
  /** One sentence: "I can't assign security roles." */
  cant: string;
  /** Why, or what to know, in one or two sentences. */
  because?: string;
  places: readonly Place[];
  shell: readonly ShellCommand[];
  /** Buttons for what the bot can do nearby, filled from what the sentence named. */
  nearby(named: Named): Suggestion[];
}

/** "Check Jane in UAT" / "Check Jane everywhere" / the check form. */
export function checkSuggestions(named: Named): Suggestion[] {
  if (!named.person) return [{ title: 'Check someone', text: 'check access' }];
  return named.environment
    ? [{ title: `Check ${named.person} in ${named.environment}`, text: `why can't ${named.person} access ${named.environment}` }]
    : [{ title: `Check ${named.person} everywhere`, text: `check ${named.person} everywhere` }];
}

const ENVIRONMENTS: Suggestion = { title: 'List the environments', text: 'environments' };

export const CREATE_ENVIRONMENT: Decline = {
  cant: "I can't create environments.",
  places: [{ center: 'powerPlatform', path: 'Environments → New' }],
  shell: [{ label: 'Power Platform CLI', command: 'pac admin create --name "<name>" --type Sandbox' }],
  nearby: () => [ENVIRONMENTS],
};

export const ENVIRONMENT_LIFECYCLE: Decline = {
  cant: "I can't copy, back up, reset, restore or delete environments.",
  places: [{ center: 'powerPlatform', environmentPage: true, path: 'Environments → {environment} → Copy, Backup & Restore, Reset or Delete' }],
  shell: [{ label: 'Power Platform CLI', command: 'pac admin copy | backup | restore | reset | delete --environment {environmentId}' }],
  nearby: () => [ENVIRONMENTS],
};

export const ENVIRONMENT_SETTINGS: Decline = {
  cant: "I can't change environment settings such as administration mode.",
  because: 'The environments list shows which environments are in administration mode.',
  places: [{ center: 'powerPlatform', environmentPage: true, path: 'Environments → {environment} → Edit (administration mode) or Settings' }],
  shell: [],
  nearby: () => [ENVIRONMENTS],
};

export const PASSWORDS: Decline = {
  cant: "I can't reset passwords or sign-in methods.",
  because: 'A person can reset their own password at https://aka.ms/sspr if self-service reset is on. A diagnosis tells you whether their account may sign in at all.',
  places: [{ center: 'entra', path: 'Users → All users → the person → Reset password (or Authentication methods)' }],
  shell: [],
  nearby: checkSuggestions,
};

export const CREATE_USER: Decline = {
  cant: "I can't create users or invite guests.",
  because: 'Once the account exists (and has a licence), I can sync it into an environment.',
  places: [{ center: 'entra', path: 'Users → All users → New user (Create new user or Invite external user)' }],
  shell: [{ label: 'Microsoft Graph PowerShell', command: 'New-MgUser (members) or New-MgInvitation (guests)' }],
  nearby: () => [{ title: 'Open the sync form', text: 'sync' }],
};

export const DATA_POLICIES: Decline = {
  cant: "I can't see or change data policies (DLP) or connectors.",
  places: [{ center: 'powerPlatform', path: 'Security → Data and privacy → Data policies' }],
  shell: [],
  nearby: checkSuggestions,
};

export const STORAGE: Decline = {
  cant: "I can't report capacity or storage.",
  places: [{ center: 'powerPlatform', path: 'Licensing → Capacity' }],
  shell: [],
  nearby: () => [ENVIRONMENTS],
};

/** Topics people bring to any bot in Teams, with what the decline calls them. */
const TOPICS: Readonly<Record<string, string>> = {
  weather: 'the weather', forecast: 'the weather', joke: 'jokes', jokes: 'jokes',
  lunch: 'food orders', pizza: 'food orders', coffee: 'food orders', restaurant: 'restaurants',
  meeting: 'meetings and calendars', meetings: 'meetings and calendars', calendar: 'meetings and calendars', 'meeting room': 'meetings and calendars',
  email: 'email', 'e-mail': 'email', mailbox: 'email', outlook: 'email', inbox: 'email',
  printer: 'printers and devices', laptop: 'printers and devices', headset: 'printers and devices', phone: 'printers and devices',
  wifi: 'networks and VPN', 'wi-fi': 'networks and VPN', vpn: 'networks and VPN', internet: 'networks and VPN',
  holiday: 'HR requests', vacation: 'HR requests', payroll: 'HR requests', salary: 'HR requests', payslip: 'HR requests',
  news: 'news', stock: 'news', football: 'news', translate: 'translations', song: 'music', music: 'music',
  flight: 'travel', hotel: 'travel', taxi: 'travel', sharepoint: 'SharePoint', onedrive: 'OneDrive',
};

/** What the decline names for a topic word (`named.topic`). */
export function topicLabel(topic: string | undefined): string {
  return (topic && TOPICS[topic.toLowerCase()]) ?? 'that';
}

export const OUT_OF_SCOPE = {
  topics: Object.keys(TOPICS).sort((a, b) => b.length - a.length).map((t) => t.replace(/[-\s]/g, '[-\\s]?')),
  decline: {
    cant: "I can't help with {topic}: I only look after access to Power Platform and Dataverse environments.",
    because: 'For other requests, ask your IT service desk.',
    places: [],
    shell: [],
    nearby: () => [{ title: 'Check someone', text: 'check access' }, ENVIRONMENTS, { title: 'Show what I can do', text: 'help' }],
  } satisfies Decline,
};
