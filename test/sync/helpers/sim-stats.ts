import type { RunningSimulator } from '../../../src/sim/server';

/** BAP addUser requests the simulator received (throttled ones included). */
export function addUserCalls(sim: RunningSimulator): number {
  return Object.entries(sim.stats().routes.bap).filter(([route]) => route.includes('addUser')).reduce((sum, [, n]) => sum + n, 0);
}

/** Graph requests minus the caller's role lookups (the security guard's, cached per person, not part of a sync). */
export function graphRequestsForSync(sim: RunningSimulator): number {
  const { requests, routes } = sim.stats();
  const roleLookups = Object.entries(routes.graph).filter(([route]) => /\/users\/\{id\}\/(transitiveM|m)emberOf/.test(route));
  return requests.graph - roleLookups.reduce((sum, [, n]) => sum + n, 0);
}
