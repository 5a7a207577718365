import { appCheck, type AppCheck } from './app-diagnosis';
import type { AppFacts } from './app-facts';

const TITLE = 'App state';

const day = (iso: string | null): string | null => (iso && !Number.isNaN(Date.parse(iso)) ? iso.slice(0, 10) : null);

/**
 * Published, not deleted, and (model-driven) active: `GET appmodules` returns published apps only and
 * statecode 1 is Inactive (§16); a canvas app without a publish time was never published (§15, field
 * name UNVERIFIED). A deleted canvas app is not listed at all, so it is "no such app" before this check.
 */
export function checkAppState(app: AppFacts, environment: string): AppCheck {
  if (app.kind === 'model-driven') {
    const a = app.app;
    if (a.statusCode === 3) return appCheck('app-state', TITLE, 'fail', `${a.name} is deleted in ${environment}.`, { text: `Ask an app maker to restore or recreate ${a.name} in ${environment}.` });
    if (!a.active) {
      return appCheck('app-state', TITLE, 'fail', `${a.name} is deactivated in ${environment}: nobody can open it until it is activated again.`, {
        text: `Ask an app maker to activate it (Power Apps > Apps > ${a.name} > … > Activate).`,
      });
    }
    const published = day(a.publishedOn);
    return appCheck('app-state', TITLE, 'pass', `${a.name} is published${published ? ` (last on ${published})` : ''} and active.`);
  }
  const a = app.app;
  const published = day(a.lastPublishTime);
  if (!published) {
    return appCheck('app-state', TITLE, 'fail', `${a.displayName} has been saved but never published, so only its makers can open it.`, {
      text: `Ask ${a.owner?.displayName ?? 'its owner'} to publish it (Power Apps Studio > Publish).`,
    });
  }
  return appCheck('app-state', TITLE, 'pass', `${a.displayName} is published (last on ${published}).`);
}
