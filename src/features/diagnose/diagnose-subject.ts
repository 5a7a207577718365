import type { Deps } from '../../app/deps';
import { evaluateAccess } from '../../domain/access/evaluate';
import { evaluateApplication } from '../../domain/access/evaluate-application';
import { evaluateDeletedPerson } from '../../domain/access/evaluate-deleted';
import type { Diagnosis } from '../../domain/access/diagnosis';
import type { Subject } from '../../domain/access/subject';
import type { Environment, SystemUser } from '../../gateways/types';
import { combineFacts, gatherUserFacts, loadEnvironmentData, readable } from './gather-facts';

type DiagnoseDeps = Pick<Deps, 'graph' | 'powerPlatform' | 'dataverse' | 'now' | 'log'>;

/** The Dataverse row of one environment, or 'unknown' when the bot can't read it; null without Dataverse. */
function rowIn(deps: DiagnoseDeps, environment: Environment, read: (instanceUrl: string) => Promise<SystemUser | null>): Promise<SystemUser | null | 'unknown'> {
  const dataverse = environment.dataverse;
  return dataverse ? readable<SystemUser | null | 'unknown'>(deps, () => read(dataverse.instanceUrl), 'unknown') : Promise.resolve(null);
}

/**
 * Diagnoses one subject in any environment. A person's tenant-wide facts (memberships, roles, SKUs) are
 * read once, when this is called, and reused for every environment; an application is looked up by its
 * application user (`applicationid`, §14); a deleted account by its Dataverse row, whose object id the
 * deletion did not change (§13).
 *
 * `manyEnvironments`: each environment's Graph reads also use those facts (no owners read for a group the person
 * is in, no name read for it), which saves a request or two per environment; for one environment it would make
 * the owners read wait for the memberships, a wave later, so it is off.
 */
export function diagnoserFor(deps: DiagnoseDeps, subject: Subject, options: { manyEnvironments?: boolean } = {}): (environment: Environment) => Promise<Diagnosis> {
  switch (subject.kind) {
    case 'person': {
      const userFacts = gatherUserFacts(deps, subject.user);
      const shared = options.manyEnvironments ? userFacts : undefined;
      return async (environment) => {
        const [facts, data] = await Promise.all([userFacts, loadEnvironmentData(deps, subject.user.id, environment, shared)]);
        return evaluateAccess(combineFacts(facts, data));
      };
    }
    case 'application': {
      const { app } = subject;
      return async (environment) => evaluateApplication({ app, environment, appUser: await rowIn(deps, environment, (url) => deps.dataverse.findApplicationUser(url, app.appId)) });
    }
    case 'deletedPerson': {
      const { user } = subject;
      return async (environment) =>
        evaluateDeletedPerson({ user, environment, systemUser: await rowIn(deps, environment, (url) => deps.dataverse.findSystemUser(url, user.id)), now: deps.now() });
    }
  }
}
