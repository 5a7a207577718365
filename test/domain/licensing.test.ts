import { licenceEntitlements, planClass, usableClasses } from '../../src/domain/licensing';
import { SKU, TENANT_SKUS } from './access-fixtures';

describe('licence catalogue (microsoft-apis.md §5.2)', () => {
  it.each([
    ['6ea4c1ef-c259-46df-bce2-943342cd3cb2', 'premium'],
    ['9f2f00ad-21ae-4ceb-994b-d8bc7be90999', 'perApp'],
    ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14', 'm365Dataverse'],
    ['95b76021-6a53-4741-ab8b-1d1f3d66a95a', 'teamsOnly'],
    ['17ab22cd-a0b3-4536-910a-cb6eb12696c0', 'trial'],
    ['d8c638e2-9508-40e3-9877-feb87603837b', 'developer'],
    ['2da8e897-7791-486b-b08f-cc63c8129df7', 'dynamics'],
    ['92f7a6f3-b89b-4bbd-8c30-809e6da5ad1c', null],
  ])('plan %s is %s', (id, cls) => {
    expect(planClass(id)).toBe(cls);
  });

  it('recognises a plan by name when the id is unknown', () => {
    expect(planClass('00000000-0000-0000-0000-000000000001', 'DYN365_CDS_P2')).toBe('premium');
  });

  it('reports each assigned SKU with its Dataverse plans, disabled plans and capability status', () => {
    const ents = licenceEntitlements(
      [
        { skuId: SKU.m365e3.skuId, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] },
        { skuId: 'ffffffff-0000-4000-8000-000000000000', disabledPlans: [] },
      ],
      TENANT_SKUS,
    );
    expect(ents[0]).toMatchObject({ product: 'Microsoft 365 E3', capabilityStatus: 'Enabled', skuUsable: true });
    expect(ents[0]?.plans.map((p) => [p.servicePlanName, p.cls, p.disabled])).toEqual([
      ['DYN365_CDS_O365_P2', 'm365Dataverse', true],
      ['CDS_O365_P2', 'teamsOnly', false],
    ]);
    expect(ents[1]).toMatchObject({ capabilityStatus: null, skuUsable: false, plans: [] });
    expect([...usableClasses(ents)]).toEqual(['teamsOnly']);
  });
});
