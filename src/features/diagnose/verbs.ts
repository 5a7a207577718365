/** Card verbs of the diagnosis feature (the cards put them in Action.Execute `verb` and in `data.verb`). */
export const DIAGNOSE_VERBS = {
  check: 'diagnose.check',
  /** "Details" on the everywhere card: one environment's diagnosis, with a way back to the overview. */
  detail: 'diagnose.detail',
  sync: 'diagnose.sync',
  addToGroup: 'diagnose.add-to-group',
  confirmAdd: 'diagnose.confirm-add',
  confirmSync: 'diagnose.confirm-sync',
  cancel: 'diagnose.cancel',
} as const;

export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export function button(title: string, verb: string, data: Record<string, unknown> = {}): CardButton {
  return { title, verb, data: { verb, ...data } };
}
