/*
 * Graph, BAP and Power Apps scopes come with their hosts from the cloud table (clouds.ts), never from here.
 */

/**
 * `{instanceUrl without trailing slash}/.default`. For real hosts this equals Terraform's
 * `scheme://host/.default`; the simulator's instance URLs carry a path, so the full URL is used.
 */
export function dataverseScope(instanceUrl: string): string {
  return `${instanceUrl.replace(/\/+$/, '')}/.default`;
}
