/**
 * The api-versions of the Power Apps admin API seen in use: PowerShell's admin cmdlets (2016-11-01, §15),
 * its maker cmdlets (2017-06-01), Terraform (2023-06-01, §15) and PnP (2022-11-01). The service accepts a
 * longer list and names it in its `InvalidApiVersion` 400 (third-party live probe, see docs/simulated-tenant.md).
 */
export const POWER_APPS_API_VERSIONS = ['2016-11-01', '2017-06-01', '2020-06-01', '2021-02-01', '2022-11-01', '2023-06-01'] as const;
