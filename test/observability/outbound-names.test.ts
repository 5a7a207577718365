import { operationOf } from '../../src/gateways/http/operation-name';
import { requestIdsOf } from '../../src/gateways/http/request-ids';
import { createTestBot } from '../helpers/bot-harness';
import { inMemoryTelemetry, sumOf } from './in-memory-telemetry';

describe('the operation name of a Microsoft call (span name and attribute)', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0/users/jane.doe%40contoso.com?$select=id,displayName', 'users/{id}'],
    ["https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'Jane')&$top=5", 'users'],
    ['https://graph.microsoft.com/v1.0/groups/b334d23a-c075-4b09-a359-4e9089de4a59/transitiveMembers?$top=999', 'groups/{id}/transitiveMembers'],
    ["https://graph.microsoft.com/v1.0/directoryRoles(roleTemplateId='62e90394-69f5-4237-9190-012177145e10')/members", 'directoryRoles({key})/members'],
    ['http://127.0.0.1:4000/graph/v1.0/groups/delta?$deltatoken=abc', 'groups/delta'],
    ['https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/Default-3f6a2c1e/addUser?api-version=2020-10-01', 'environments/{id}/addUser'],
    ["https://contosouat.crm.dynamics.com/api/data/v9.2/systemusers?$filter=azureactivedirectoryobjectid eq 'x'", 'systemusers'],
    ['http://127.0.0.1:4000/dataverse/contosouat/api/data/v9.2/systemusers(azureactivedirectoryobjectid=1a2b)/teammembership_association', 'systemusers({key})/teammembership_association'],
    ['https://graph.microsoft.com/v1.0/users/Jane%20Doe/memberOf', 'users/{id}/memberOf'],
    ['https://graph.microsoft.com/v1.0/Financial%20Coordinators', '{id}'],
  ])('%s is "%s"', (url, operation) => {
    expect(operationOf(url)).toBe(operation);
  });

  it('then no name, UPN, id or query text survives, whatever the path holds', () => {
    const hostile = [
      'https://graph.microsoft.com/v1.0/users/nadia.rahman@contoso.com/memberOf',
      'https://graph.microsoft.com/v1.0/users/Nadia/memberOf',
      "https://graph.microsoft.com/v1.0/groups(displayName='Financial Coordinators')",
      'https://graph.microsoft.com/v1.0/users/%E2%80%AEevil/x?y=1#frag',
      'not a url at all',
    ];
    for (const url of hostile) expect(operationOf(url)).toMatch(/^(\/|unknown|[A-Za-z0-9.$_]+(\(\{key\}\))?|\{id\})(\/([A-Za-z0-9.$_]+(\(\{key\}\))?|\{id\}))*$/);
    expect(hostile.map(operationOf).join()).not.toMatch(/Nadia|contoso|Financial|evil|y=1/i);
  });
});

describe("the service's request ids", () => {
  it("then Graph's request-id and client-request-id and Dataverse's x-ms-service-request-id are read, and a value that is not id-shaped is left out", () => {
    const headers = new Headers({
      'request-id': '6f1a0c38-51c5-4f42-9b0e-2d0e5c3c9a11',
      'client-request-id': 'jane.doe@contoso.com said hello',
      'x-ms-service-request-id': 'c9af118d-b483-48c8-887a-baa4de679bf0,9b44cd2f-d34f-4908-bed4-edc12c44857d',
    });
    expect(requestIdsOf(headers)).toEqual({
      requestId: '6f1a0c38-51c5-4f42-9b0e-2d0e5c3c9a11',
      serviceRequestId: 'c9af118d-b483-48c8-887a-baa4de679bf0,9b44cd2f-d34f-4908-bed4-edc12c44857d',
    });
    expect(requestIdsOf(new Headers({ 'request-id': 'x'.repeat(201) }))).toEqual({});
    expect(requestIdsOf(null)).toEqual({});
  });
});

describe('notification failures', () => {
  it('when a proactive message cannot be delivered, then notifications.failed counts it by operation and error code, and the caller still sees the error', async () => {
    const otel = inMemoryTelemetry();
    const bot = await createTestBot({ telemetry: otel.telemetry });
    try {
      await expect(bot.deps.notifier.sendText('a:no-such-conversation', 'A sync job finished with failures.')).rejects.toMatchObject({ code: 'input.not_found' });
      const metrics = await otel.metrics();
      expect(sumOf(metrics.get('notifications.failed'), { 'notification.operation': 'sendText', 'error.code': 'input.not_found' })).toBe(1);
      expect(sumOf(metrics.get('notifications.failed'))).toBe(1);
    } finally {
      await bot.close();
      await otel.close();
    }
  });
});
