import type { SimSku } from '../model';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { fromQueryError, unsupportedQuery } from './errors';
import { GraphQueryError } from './errors';
import { consumedUnits } from './licences';

const FIELDS = ['accountId', 'accountName', 'appliesTo', 'capabilityStatus', 'consumedUnits', 'id', 'prepaidUnits', 'servicePlans', 'skuId', 'skuPartNumber', 'subscriptionIds'];

/** GET /subscribedSkus: only $select is supported, as documented. */
export function listSubscribedSkus(req: SimRequest, ctx: SimContext): SimResponse {
  for (const key of req.query.keys()) {
    if (key.startsWith('$') && key !== '$select') return unsupportedQuery(req, `The query option '${key}' is not supported for subscribedSkus; only $select is.`);
  }
  let select: string[] | undefined;
  try {
    select = parseSkuSelect(req.query.get('$select'));
  } catch (err) {
    return fromQueryError(req, err);
  }
  const consumed = consumedUnits(ctx.state.fixture);
  const tenant = ctx.state.fixture.tenant;
  const value = ctx.state.fixture.skus.map((sku) => {
    const full = serialize(sku, tenant.id, tenant.displayName, consumed.get(sku.skuId.toLowerCase()) ?? 0);
    return select ? Object.fromEntries(select.map((k) => [k, full[k]])) : full;
  });
  return { status: 200, body: { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#subscribedSkus${select ? `(${select.join(',')})` : ''}`, value } };
}

function parseSkuSelect(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.find((n) => !FIELDS.includes(n));
  if (unknown) throw new GraphQueryError('BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.subscribedSku'.`);
  return names;
}

function serialize(sku: SimSku, tenantId: string, tenantName: string, consumedUnits: number): Record<string, unknown> {
  const units = sku.prepaidUnits;
  const status = sku.capabilityStatus;
  return {
    accountId: tenantId,
    accountName: tenantName,
    appliesTo: 'User',
    capabilityStatus: status,
    consumedUnits,
    id: `${tenantId}_${sku.skuId}`,
    prepaidUnits: {
      enabled: status === 'Enabled' ? units : 0,
      suspended: status === 'Suspended' ? units : 0,
      warning: status === 'Warning' ? units : 0,
      lockedOut: status === 'LockedOut' ? units : 0,
    },
    servicePlans: sku.servicePlans.map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [],
  };
}
