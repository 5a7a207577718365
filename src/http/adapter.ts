import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { userMessageFor } from '../bot/error-funnel';

/**
 * CloudAdapter with Bot Framework authentication from config. With no MicrosoftAppId the adapter
 * accepts unauthenticated requests (local Playground only: the server then binds to loopback).
 */
export function createAdapter(config: Pick<Config, 'bot'>, log: Logger): CloudAdapter {
  const { appId, appPassword, appType, appTenantId } = config.bot;
  const settings: Partial<ConfigurationBotFrameworkAuthenticationOptions> =
    appId === null
      ? { MicrosoftAppId: '', MicrosoftAppPassword: '' }
      : { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword ?? '', MicrosoftAppType: appType, MicrosoftAppTenantId: appTenantId ?? '' };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions));
  // Errors that escape the bot's own funnel (e.g. while sending its answer) end here.
  adapter.onTurnError = async (context, error) => {
    const turnLog = log.child({ activityId: context.activity.id, conversationKey: context.activity.conversation?.id, caller: context.activity.from?.aadObjectId });
    const text = userMessageFor(error, context.activity.id ?? 'unknown', turnLog);
    try {
      await context.sendActivity(text);
    } catch (sendError) {
      turnLog.error({ err: sendError }, 'could not tell the user about the failure');
    }
  };
  return adapter;
}
