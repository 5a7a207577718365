export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const BAP_SCOPE = 'https://service.powerapps.com/.default';

/**
 * `{instanceUrl without trailing slash}/.default`. For real hosts this equals Terraform's
 * `scheme://host/.default`; the simulator's instance URLs carry a path, so the full URL is used.
 */
export function dataverseScope(instanceUrl: string): string {
  return `${instanceUrl.replace(/\/+$/, '')}/.default`;
}
