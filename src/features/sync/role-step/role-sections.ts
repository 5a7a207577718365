import { namesWithMore } from '../describe-reason';
import type { ResultView } from '../result-view';

/** The result card's sections for members whose role (or move) failed, one per reason, as the sync's own failures show. */
export function roleSections(view: ResultView): { heading: string; names: string; fix: string; color: string }[] {
  const { role, businessUnit } = view.job.options;
  const what = role ? `No ${role.name} role` : `Not moved to ${businessUnit?.name ?? 'the business unit'}`;
  return (view.roleStep?.failures ?? []).map((failure) => ({
    heading: `🔑 Synced, but: ${what} (${failure.count})`,
    names: namesWithMore(failure.names, failure.count),
    fix: failure.detail,
    color: 'Warning',
  }));
}
