import type { Deps } from '../../app/deps';
import { AppError } from '../../errors';
import { mapBounded } from '../../map-bounded';
import { ExpiringCache } from '../../gateways/expiring-cache';
import type { KnownApp } from '../../domain/resolve/resolve-app';
import type { AppModule, CanvasApp, Environment } from '../../gateways/types';

/** App names change rarely: one read per environment serves every question for this long (a miss reads again). */
export const APP_CATALOGUE_TTL_MS = 5 * 60_000;
/** Environments read at the same time when a name is looked for everywhere. */
export const CATALOGUE_CONCURRENCY = 4;

/** The apps of one environment: canvas (Power Apps admin API) and model-driven (its Dataverse). */
export interface EnvironmentApps {
  environment: Environment;
  canvas: CanvasApp[];
  modelDriven: AppModule[];
  /** What could not be read, in plain words ("the canvas apps of UAT: …"). */
  unread: string[];
  /** When this was read (deps clock). */
  readAt: number;
}

type CatalogueDeps = Pick<Deps, 'powerApps' | 'dataverse' | 'now' | 'log'>;

/** A read the answer can go without: the reason is kept and said, the rest goes on. */
async function tolerant<T>(deps: CatalogueDeps, unread: string[], what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'internal') throw error;
    deps.log.warn({ code: error.code, err: error.message }, 'apps: a list could not be read');
    unread.push(`${what}: ${error.userMessage}`);
    return fallback;
  }
}

/**
 * Both lists of one environment, in parallel: 1 Power Apps request per 250 canvas apps, 1 Dataverse request.
 * `effectiveFor`: each canvas app comes with that person's highest role (maxAssignedTo, §15).
 */
export async function readEnvironmentApps(deps: CatalogueDeps, environment: Environment, options: { effectiveFor?: string } = {}): Promise<EnvironmentApps> {
  const unread: string[] = [];
  const dataverse = environment.dataverse;
  const [canvas, modelDriven] = await Promise.all([
    tolerant(deps, unread, `the canvas apps of ${environment.displayName}`, () => deps.powerApps.listApps(environment.id, options), []),
    dataverse ? tolerant(deps, unread, `the model-driven apps of ${environment.displayName}`, () => deps.dataverse.listAppModules(dataverse.instanceUrl), []) : Promise.resolve([]),
  ]);
  return { environment, canvas, modelDriven, unread, readAt: deps.now() };
}

/** Every app of these environment lists as a name the bot knows. */
export function knownApps(lists: readonly EnvironmentApps[]): KnownApp[] {
  return lists.flatMap((list) => [
    ...list.modelDriven.map((app): KnownApp => ({ kind: 'model-driven', id: app.appModuleId, name: app.name, environment: list.environment })),
    ...list.canvas.map((app): KnownApp => ({ kind: 'canvas', id: app.appId, name: app.displayName, environment: list.environment })),
  ]);
}

/**
 * The names of the apps in each environment, read once and kept for APP_CATALOGUE_TTL_MS (in-flight
 * reads shared, failures not kept). What may change often (sharing, roles) is read again per question.
 */
export class AppCatalogue {
  private readonly cache: ExpiringCache<EnvironmentApps>;

  constructor(private readonly deps: CatalogueDeps) {
    this.cache = new ExpiringCache(APP_CATALOGUE_TTL_MS, () => deps.now());
  }

  /** `fresh`: read again now (after a miss, a fix or a re-check). */
  environment(environment: Environment, options: { fresh?: boolean } = {}): Promise<EnvironmentApps> {
    return this.cache.get(environment.id.toLowerCase(), () => readEnvironmentApps(this.deps, environment), options);
  }

  all(environments: readonly Environment[], options: { fresh?: boolean } = {}): Promise<EnvironmentApps[]> {
    return mapBounded([...environments], CATALOGUE_CONCURRENCY, (environment) => this.environment(environment, options));
  }
}

const catalogues = new WeakMap<object, AppCatalogue>();

/** One catalogue per set of deps (the running bot, or a test's own). */
export function appCatalogue(deps: CatalogueDeps): AppCatalogue {
  let catalogue = catalogues.get(deps);
  if (!catalogue) {
    catalogue = new AppCatalogue(deps);
    catalogues.set(deps, catalogue);
  }
  return catalogue;
}
