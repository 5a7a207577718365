import type { AppModule, CanvasApp, CanvasAppPermission } from '../../gateways/types';
import type { AccessFacts } from './facts';

/** What is known about the app itself: a model-driven app with its roles, or a canvas app with its role assignments. */
export type AppFacts =
  | { kind: 'model-driven'; app: AppModule }
  /** `permissions`: every role assignment; null when only the person's highest role is known (`app.effectiveRole`, maxAssignedTo). */
  | { kind: 'canvas'; app: CanvasApp; permissions: CanvasAppPermission[] | null };

/** Everything evaluateAppAccess() needs: the person in the app's environment (as the environment check has it) and the app. */
export interface AppAccessFacts {
  access: AccessFacts;
  app: AppFacts;
  /** The tenant id: a canvas app shared with everyone names it (§15). */
  tenantId: string;
}

/** Canvas apps that use premium or custom connectors, an on-premises gateway or Dataverse need a premium licence (§15). */
export function premiumReasons(app: AppFacts): string[] {
  if (app.kind === 'model-driven') return ['it is a model-driven app, built on Dataverse'];
  const a = app.app;
  const reasons: string[] = [];
  const premium = a.connectors.filter((c) => c.premium && c.name.toLowerCase() !== 'microsoft dataverse').map((c) => c.name);
  if (a.usesDataverse) reasons.push('it uses Dataverse');
  if (premium.length > 0) reasons.push(`it uses the premium connector${premium.length > 1 ? 's' : ''} ${premium.join(', ')}`);
  else if (a.usesPremiumApi && !a.usesDataverse) reasons.push('it uses premium connectors');
  if (a.usesCustomApi) reasons.push('it uses a custom connector');
  if (a.usesOnPremiseGateway) reasons.push('it reaches on-premises data through a gateway');
  if (reasons.length === 0 && a.planClassification?.toLowerCase() === 'premium') reasons.push('Power Apps classifies it as a premium app');
  return reasons;
}

/** Whether the app needs the person in Dataverse (model-driven apps and canvas apps on Dataverse). */
export function needsDataverse(app: AppFacts): boolean {
  return app.kind === 'model-driven' || app.app.usesDataverse;
}
