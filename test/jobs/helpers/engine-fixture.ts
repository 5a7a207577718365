import { memoryStore } from '../../helpers/stores';
import pino from 'pino';
import type { Db } from '../../../src/store/schema';
import type { AddUserOutcome, DataverseGateway, PowerPlatformGateway, SystemUser } from '../../../src/gateways/types';
import { SyncJobEngine, type JobListener } from '../../../src/jobs/job-engine';
import { createJob } from '../../../src/jobs/job-store';
import { appendMembers } from '../../../src/jobs/member-store';
import type { JobOptions, SyncJob } from '../../../src/jobs/job-types';
import { VirtualClock } from './virtual-clock';

export const SYNC_CONFIG = {
  minConcurrency: 2, maxConcurrency: 32, maxRetries: 3, licenceWaitSeconds: 60, confirmVisibilitySeconds: 30, progressIntervalSeconds: 3,
};

/** addUser answers from a script per object id: a list of outcomes, the last one repeating. */
export function scriptedPowerPlatform(clock: VirtualClock, script: (objectId: string, call: number, now: number) => AddUserOutcome) {
  const calls = new Map<string, number>();
  const gateway: PowerPlatformGateway = {
    listEnvironments: () => Promise.resolve([]),
    getEnvironment: () => Promise.resolve(null),
    addUser: async (_env, objectId) => {
      const call = (calls.get(objectId) ?? 0) + 1;
      calls.set(objectId, call);
      await clock.sleep(100);
      return script(objectId, call, clock.now());
    },
  };
  return { gateway, calls };
}

export function systemUserRow(objectId: string, isDisabled = false): SystemUser {
  return {
    systemUserId: `su-${objectId}`, azureObjectId: objectId, domainName: `${objectId}@contoso.com`, fullName: objectId, isDisabled,
    disabledReason: null, accessMode: 'Read-Write', isLicensed: true, applicationId: null, azureState: 0, directRoles: [], teams: [],
  };
}

/** Dataverse that shows a synced user `visibleAfterMs` after its first lookup. */
export function lazyDataverse(clock: VirtualClock, visibleAfterMs = 0) {
  const firstAsked = new Map<string, number>();
  let requests = 0;
  const known: Pick<DataverseGateway, 'findSystemUser' | 'listGroupTeams' | 'findSystemUsers'> = {
    findSystemUser: () => Promise.resolve(null),
    listGroupTeams: () => Promise.resolve([]),
    findSystemUsers: (_url, ids) => {
      requests += 1;
      const now = clock.now();
      return Promise.resolve(
        ids.filter((id) => {
          if (!firstAsked.has(id)) firstAsked.set(id, now);
          return now - (firstAsked.get(id) ?? now) >= visibleAfterMs;
        }).map((id) => systemUserRow(id)),
      );
    },
  };
  // The engine reads rows in batches only: any other Dataverse call is a bug, and says which.
  const gateway = new Proxy(known, {
    get: (target, name) => (name in target ? target[name as keyof typeof target] : () => Promise.reject(new Error(`the job engine called dataverse.${String(name)}`))),
  }) as unknown as DataverseGateway;
  return { gateway, requests: () => requests };
}

export function recordingListener() {
  const progress: { at: number; job: SyncJob }[] = [];
  const finished: SyncJob[] = [];
  return { progress, finished };
}

export async function seedJob(db: Db, count: number, options: JobOptions = {}, prefix = 'user'): Promise<string> {
  const jobId = await createJob(db, {
    kind: 'group', requestedBy: { aadObjectId: 'admin-1', name: 'Ada Admin' }, conversationKey: 'conv-1',
    environment: { id: 'env-uat', displayName: 'UAT', instanceUrl: 'https://uat.example/' }, target: 'Test group (group)', options, state: 'queued', now: 0,
  });
  await appendMembers(db, jobId, Array.from({ length: count }, (_, i) => ({
    objectId: `${prefix}-${String(i).padStart(5, '0')}`, userPrincipalName: `${prefix}${i}@contoso.com`, displayName: `${prefix} ${i}`,
  })));
  return jobId;
}

export async function createEngine(input: {
  clock: VirtualClock; powerPlatform: PowerPlatformGateway; dataverse: DataverseGateway; db?: Db;
  /** Runs inside each progress report, before it is recorded (e.g. to read the store at that moment). */
  onProgress?: (job: SyncJob) => Promise<void>;
}) {
  const db = input.db ?? (await memoryStore()).db;
  const events = recordingListener();
  const listener: JobListener = {
    onProgress: async (job) => {
      await input.onProgress?.(job);
      events.progress.push({ at: input.clock.now(), job });
    },
    onFinished: (job) => {
      events.finished.push(job);
      return Promise.resolve();
    },
  };
  const engine = new SyncJobEngine(
    { db, powerPlatform: input.powerPlatform, dataverse: input.dataverse, log: pino({ level: 'silent' }), sync: SYNC_CONFIG, clock: input.clock },
    listener,
  );
  return { db, engine, events };
}
