import { looksLikeUpn, odataString, queryString } from '../../src/gateways/odata';
import { isEnvironmentId, isGuid } from '../../src/ids';

describe('odata helpers', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ["' or 1 eq 1", "''' or 1 eq 1'"],
    ["''", "''''''"],
    ['Zoë', "'Zoë'"],
  ])('odataString(%p) is %p', (value, literal) => {
    expect(odataString(value)).toBe(literal);
  });

  it('when values carry query syntax, then queryString percent-encodes them so they cannot add parameters', () => {
    const query = queryString({ $filter: "startswith(displayName,'a&$top=1') or x eq '%27'", $top: 5, $skip: undefined });
    expect(query).toBe("?$filter=startswith(displayName%2C'a%26%24top%3D1')%20or%20x%20eq%20'%2527'&$top=5");
    expect(new URLSearchParams(query).get('$filter')).toBe("startswith(displayName,'a&$top=1') or x eq '%27'");
  });

  it('isGuid, isEnvironmentId and looksLikeUpn accept only their exact shapes', () => {
    expect(isGuid('1BC176AC-113e-4105-a8d2-93516aa828e1')).toBe(true);
    expect(isGuid('1bc176ac-113e-4105-a8d2-93516aa828e1 ')).toBe(false);
    expect(isGuid("1bc176ac-113e-4105-a8d2-93516aa828e1' or '1")).toBe(false);
    expect(isEnvironmentId('Default-3f6a2c1e-8b4d-4e7a-9c2f-5d1b0a7e6c44')).toBe(true);
    expect(isEnvironmentId('ceb11b53-d685-4c77-9a64-37b481898617')).toBe(true);
    expect(isEnvironmentId('Default-contoso')).toBe(false);
    expect(looksLikeUpn('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe(true);
    expect(looksLikeUpn("siobhan.o'brien@contoso.com")).toBe(true);
    expect(looksLikeUpn('jane@contoso.com/memberOf')).toBe(false);
    expect(looksLikeUpn('Jane Doe')).toBe(false);
  });
});
