import type { CardAction } from '../../app/routes';
import { environmentId, guid, optionalText, text } from '../diagnose/action-params';
import { actorOf, confirmationCard, parseConfirmation, redeem } from '../roles/shared/confirm';
import { answerAppQuestion } from './answer-app';
import { appDiagnosisCard } from './app-diagnosis.card';
import type { AppRequest } from './parse-apps';
import { loadShareTarget, shareAppWith } from './share-app';
import { APP_VERBS } from './verbs';

const SHARE_KIND = 'apps.share';

interface ShareIds {
  userId: string;
  environmentId: string;
  appId: string;
}

/** Re-check, Details, and the "check a person" field: one person, one app by name, in one environment. */
export const checkAppAction: CardAction<AppRequest> = {
  verb: APP_VERBS.check,
  access: 'helpdesk',
  parse: (data) => ({ user: text(data, 'user', 'person'), app: text(data, 'app', 'app'), environment: optionalText(data, 'environment', 'environment'), everywhere: false, mayBeEnvironment: false }),
  async run(_turn, request, deps) {
    const reply = await answerAppQuestion(deps, request);
    return 'ask' in reply ? { text: 'Which app? Type the question with the app\'s name.' } : reply;
  },
};

const parseShare = (data: Record<string, unknown>): ShareIds => ({
  userId: guid(data, 'userId', 'person'),
  environmentId: environmentId(data, 'environmentId'),
  appId: guid(data, 'appId', 'app'),
});

/** "Share <app> with <person>" (admins): asks first, bound to whoever clicked. */
export const shareAppAction: CardAction<ShareIds> = {
  verb: APP_VERBS.share,
  access: 'admin',
  parse: parseShare,
  async run(turn, ids, deps) {
    const { user, environment, app } = await loadShareTarget(deps, ids);
    const question = {
      title: `Share ${app.displayName} with ${user.displayName}?`,
      text: `${user.displayName} (${user.userPrincipalName}) can then open the canvas app ${app.displayName} in ${environment.displayName} (can view). Power Apps won't e-mail them.`,
    };
    return { card: await confirmationCard<ShareIds>(turn, deps, SHARE_KIND, { userId: user.id, environmentId: environment.id, appId: app.appId }, question, { title: 'Share', verb: APP_VERBS.confirmShare }) };
  },
};

export const confirmShareAction: CardAction<{ confirmationId: string }> = {
  verb: APP_VERBS.confirmShare,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const ids = await redeem<ShareIds>(turn, deps, SHARE_KIND, confirmationId);
    turn.log.info({ caller: turn.caller.aadObjectId, appId: ids.appId, environmentId: ids.environmentId }, 'apps: share confirmed');
    const result = await shareAppWith(deps, await loadShareTarget(deps, ids), { actor: actorOf(turn), conversation: turn.conversationKey });
    if (!result.diagnosis) return { text: result.text };
    return { card: appDiagnosisCard(result.diagnosis, { note: { text: result.text, tone: result.ok ? 'good' : 'bad' } }) };
  },
};
