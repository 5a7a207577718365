/** Card verbs of the apps feature. */
export const APP_VERBS = {
  check: 'apps.check',
  share: 'apps.share',
  confirmShare: 'apps.confirm-share',
} as const;
