import type { AppKind } from '../access/app-diagnosis';
import type { Environment } from '../../gateways/types';
import { resolveNamed } from './resolve-named';
import { fold, type Resolution } from './resolution';

/** An app the bot knows: a canvas app (Power Apps) or a model-driven app (Dataverse) of one environment. */
export interface KnownApp {
  kind: AppKind;
  /** Canvas: the app name (GUID); model-driven: `appmoduleid`. */
  id: string;
  name: string;
  environment: Environment;
}

/** One app name and every environment that has an app of that name (dev, UAT and production copies). */
export interface AppName {
  name: string;
  apps: KnownApp[];
}

/** "the Expense app", "Field Inspection canvas app", "Expense Tracker application": the name people mean. */
export function appQuery(text: string): string {
  return text
    .trim()
    .replace(/^(?:the|our|my)\s+/i, '')
    .replace(/\s+(?:canvas app|model[- ]driven app|power ?app|app|application)$/i, '')
    .trim();
}

/** The apps grouped by name (case and accents folded), in first-seen order. */
export function appNames(apps: readonly KnownApp[]): AppName[] {
  const byName = new Map<string, AppName>();
  for (const app of apps) {
    const key = fold(app.name);
    const entry = byName.get(key);
    if (entry) entry.apps.push(app);
    else byName.set(key, { name: app.name, apps: [app] });
  }
  return [...byName.values()];
}

/**
 * An app by name, as people and environments resolve: exact, else prefix, else every word; several names
 * are a choice, none gets the nearest names. A name found in several environments stays one answer
 * (the caller asks which environment, or checks them all). Pure: the caller passes the apps.
 */
export function resolveApp(query: string, apps: readonly KnownApp[]): Resolution<AppName> {
  return resolveNamed(appQuery(query), appNames(apps), (entry) => entry.name);
}
