import type { Flow } from '../../../app/flows';
import { appAccessCommand } from '../apps.commands';
import { appRequestText, type AppRequest } from '../parse-apps';
import { appSlot } from './app-slot';

/** "Why can't Jane access the app" with no DEFAULT_APP and no DEFAULT_ENVIRONMENT: asks which app, then checks it. */
export const appFlow: Flow<AppRequest> = {
  id: 'app-access',
  get command() {
    return appAccessCommand;
  },
  slots: [appSlot<AppRequest>({ key: 'app', question: (r) => `Which app should I check ${r.user ?? 'them'} for? (No default app is configured.)` })],
  complete: (r) => ({ user: r.user ?? '', app: r.app ?? null, environment: r.environment ?? null, everywhere: r.everywhere ?? false, mayBeEnvironment: false }),
  asText: (r) => appRequestText({ user: r.user ?? 'someone', app: r.app ?? null, environment: r.environment ?? null, everywhere: r.everywhere ?? false }),
};
