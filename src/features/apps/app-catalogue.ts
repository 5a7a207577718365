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
  const [canvas, modelDriven] = await Promise.all([readCanvasApps(deps, environment, options), readModelDrivenApps(deps, environment)]);
  return joinLists(environment, canvas, modelDriven);
}

/** One kind of an environment's apps, as read. */
interface KindList<T> {
  apps: T[];
  unread: string[];
  readAt: number;
}

async function readCanvasApps(deps: CatalogueDeps, environment: Environment, options: { effectiveFor?: string } = {}): Promise<KindList<CanvasApp>> {
  const unread: string[] = [];
  const apps = await tolerant(deps, unread, `the canvas apps of ${environment.displayName}`, () => deps.powerApps.listApps(environment.id, options), []);
  return { apps, unread, readAt: deps.now() };
}

async function readModelDrivenApps(deps: CatalogueDeps, environment: Environment): Promise<KindList<AppModule>> {
  const unread: string[] = [];
  const dataverse = environment.dataverse;
  const apps = dataverse ? await tolerant(deps, unread, `the model-driven apps of ${environment.displayName}`, () => deps.dataverse.listAppModules(dataverse.instanceUrl), []) : [];
  return { apps, unread, readAt: deps.now() };
}

function joinLists(environment: Environment, canvas: KindList<CanvasApp>, modelDriven: KindList<AppModule> | null): EnvironmentApps {
  return {
    environment,
    canvas: canvas.apps,
    modelDriven: modelDriven?.apps ?? [],
    unread: [...canvas.unread, ...(modelDriven?.unread ?? [])],
    readAt: Math.min(canvas.readAt, modelDriven?.readAt ?? canvas.readAt),
  };
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
 * Each kind is kept on its own, so a question that needs only the canvas apps (an exact canvas name in
 * one environment, a share) reads only those.
 */
export class AppCatalogue {
  private readonly canvasLists: ExpiringCache<KindList<CanvasApp>>;
  private readonly modelDrivenLists: ExpiringCache<KindList<AppModule>>;

  constructor(private readonly deps: CatalogueDeps) {
    this.canvasLists = new ExpiringCache(APP_CATALOGUE_TTL_MS, () => deps.now());
    this.modelDrivenLists = new ExpiringCache(APP_CATALOGUE_TTL_MS, () => deps.now());
  }

  /** Both kinds. `fresh`: read again now (after a miss, a fix or a re-check). */
  async environment(environment: Environment, options: { fresh?: boolean } = {}): Promise<EnvironmentApps> {
    const key = environment.id.toLowerCase();
    const [canvas, modelDriven] = await Promise.all([
      this.canvasLists.get(key, () => readCanvasApps(this.deps, environment), options),
      this.modelDrivenLists.get(key, () => readModelDrivenApps(this.deps, environment), options),
    ]);
    return joinLists(environment, canvas, modelDriven);
  }

  /** The canvas apps alone (1 Power Apps request per 250 apps when not kept): the list has no model-driven apps. */
  async canvas(environment: Environment, options: { fresh?: boolean } = {}): Promise<EnvironmentApps> {
    const canvas = await this.canvasLists.get(environment.id.toLowerCase(), () => readCanvasApps(this.deps, environment), options);
    return joinLists(environment, canvas, null);
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
