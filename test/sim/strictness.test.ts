import { loadConfig } from '../../src/config';
import { signAccessToken, type AccessTokenPayload } from '../../src/sim/auth/jwt';
import { BAP_API_VERSIONS_SEEN } from '../../src/sim/config';
import type { RunningSimulator } from '../../src/sim/server';
import { ENVIRONMENTS, bapToken, call, dataverseToken, environment, startContoso, systemUserOf, tokenFor, userId } from './bap-dataverse-client';

/** What the real services refuse at the door: api-versions (BAP), media types, and tokens used before their nbf. */
describe('simulator strictness (over HTTP)', () => {
  let sim: RunningSimulator;
  let bap: string;
  beforeAll(async () => {
    sim = await startContoso();
    bap = await bapToken(sim);
  });
  afterAll(() => sim.close());

  const environments = (query: string) => call(`${sim.urls.bap}${ENVIRONMENTS}${query}`, bap);

  describe('BAP api-version (§1.2, §2.1: the versions seen in use)', () => {
    it.each([...BAP_API_VERSIONS_SEEN])('when api-version is %s (seen in use), then the environments are listed', async (version) => {
      expect((await environments(`?api-version=${version}`)).status).toBe(200);
    });

    it("when the bot sends its default BAP_API_VERSION (src/config.ts), then BAP accepts it", async () => {
      const { bapApiVersion } = loadConfig({}).microsoft;
      expect((await environments(`?api-version=${bapApiVersion}`)).status).toBe(200);
    });

    it('when api-version is well formed but not one BAP serves, then 400 InvalidApiVersionParameter lists the supported ones (ARM wording, UNVERIFIED for BAP)', async () => {
      const reply = await environments('?api-version=2024-01-01');
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        error: { code: 'InvalidApiVersionParameter', message: `The api-version '2024-01-01' is invalid. The supported versions are '${BAP_API_VERSIONS_SEEN.join(',')}'.` },
      });
      const missing = await environments('');
      expect(missing.status).toBe(400);
      expect((missing.body as { error: { code: string } }).error.code).toBe('MissingApiVersionParameter');
    });

    it('when the list is changed at run time (bapApiVersions), then only the new list is served, and a malformed list changes nothing', async () => {
      sim.setConfig({ bapApiVersions: ['2024-01-01'] });
      try {
        expect((await environments('?api-version=2024-01-01')).status).toBe(200);
        expect((await environments('?api-version=2020-10-01')).status).toBe(400);
        expect(() => sim.setConfig({ bapApiVersions: ['latest'] })).toThrow(/bapApiVersions/);
      } finally {
        sim.setConfig({ bapApiVersions: [...BAP_API_VERSIONS_SEEN] });
      }
    });
  });

  describe('JSON bodies must be sent as application/json (token endpoint form encoding aside)', () => {
    const addUserUrl = () => `${sim.urls.bap}${ENVIRONMENTS}/${environment(sim, 'UAT').id}/addUser?api-version=2019-05-01`;
    const post = (url: string, token: string, contentType: string | null, json: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        // bytes, so that fetch adds no Content-Type of its own when the test sends none
        body: new TextEncoder().encode(JSON.stringify(json)),
      });

    it('when addUser gets JSON labelled text/plain, then BAP answers 415 and provisions nobody; labelled application/json with a charset, it succeeds (UNVERIFIED status, knob jsonContentTypeStatus)', async () => {
      const jose = userId(sim, 'jose.nunez@contoso.com');
      const wrong = await post(addUserUrl(), bap, 'text/plain;charset=UTF-8', { ObjectId: jose });
      expect(wrong.status).toBe(415);
      expect(await wrong.json()).toEqual({ error: { code: 'UnsupportedMediaType', message: "The request entity's media type 'text/plain' is not supported for this resource." } });
      const none = await post(addUserUrl(), bap, null, { ObjectId: jose });
      expect(none.status).toBe(415);
      expect(((await none.json()) as { error: { message: string } }).error.message).toBe(
        "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource.",
      );
      expect(systemUserOf(sim, 'UAT', jose)).toHaveLength(0);
      expect((await post(addUserUrl(), bap, 'application/json; charset=utf-8', { ObjectId: jose })).status).toBe(200);
    });

    it('when jsonContentTypeStatus is 400, then BAP and Dataverse answer 400 instead', async () => {
      sim.setConfig({ unverified: { jsonContentTypeStatus: 400 } });
      try {
        const reply = await post(addUserUrl(), bap, 'text/plain', { ObjectId: userId(sim, 'alex.johnson@contoso.com') });
        expect(reply.status).toBe(400);
        const dataverse = await post(`${sim.urls.dataverse('contosouat')}api/data/v9.2/systemusers`, await dataverseToken(sim, 'contosouat'), 'text/plain', {});
        expect(dataverse.status).toBe(400);
      } finally {
        sim.setConfig({ unverified: { jsonContentTypeStatus: 415 } });
      }
    });

    it('when Dataverse gets JSON labelled text/plain, then 415 0x80060888 before anything else (UNVERIFIED code)', async () => {
      const reply = await post(`${sim.urls.dataverse('contosouat')}api/data/v9.2/systemusers`, await dataverseToken(sim, 'contosouat'), 'text/plain', { fullname: 'x' });
      expect(reply.status).toBe(415);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('0x80060888');
    });

    it('when Graph gets JSON labelled text/plain, then 400 BadRequest "Entity only allows writes with a JSON Content-Type header." (as seen in public Graph issue threads)', async () => {
      const graph = await tokenFor(sim, 'https://graph.microsoft.com/.default');
      const user = userId(sim, 'jane.doe@contoso.com');
      const reply = await post(`${sim.urls.graph}/v1.0/users/${user}/checkMemberGroups`, graph, 'text/plain', { groupIds: [] });
      expect(reply.status).toBe(400);
      expect(((await reply.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'BadRequest', message: 'Entity only allows writes with a JSON Content-Type header.' });
      expect((await post(`${sim.urls.graph}/v1.0/users/${user}/checkMemberGroups`, graph, 'application/json', { groupIds: [] })).status).toBe(200);
    });
  });

  describe("tokens are refused before their nbf (Microsoft.IdentityModel's TokenValidationParameters.DefaultClockSkew: 300 s)", () => {
    const claimsOf = (token: string): AccessTokenPayload => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as AccessTokenPayload;
    /** The same token, re-signed with nbf moved `seconds` into the future. */
    const startingIn = (token: string, seconds: number) => signAccessToken({ ...claimsOf(token), nbf: Math.floor(Date.now() / 1000) + seconds });
    const expired = (token: string) => signAccessToken({ ...claimsOf(token), exp: Math.floor(Date.now() / 1000) - 60 });

    const surfaces: [string, () => Promise<string>, () => string][] = [
      ['Graph', () => tokenFor(sim, 'https://graph.microsoft.com/.default'), () => `${sim.urls.graph}/v1.0/users?$top=1`],
      ['BAP', () => bapToken(sim), () => `${sim.urls.bap}${ENVIRONMENTS}?api-version=2020-10-01`],
      ['Dataverse', () => dataverseToken(sim, 'contosouat'), () => `${sim.urls.dataverse('contosouat')}api/data/v9.2/WhoAmI`],
    ];

    it.each(surfaces)('when a %s token is used 10 minutes before its nbf, then 401 with the body of an expired token; 1 minute before (inside the skew) it is accepted', async (_surface, issue, url) => {
      const token = await issue();
      const early = await call(url(), startingIn(token, 600));
      const late = await call(url(), expired(token));
      expect(early.status).toBe(401);
      expect(withoutIds(early.body)).toEqual(withoutIds(late.body));
      expect(early.headers.get('www-authenticate')).toBe(late.headers.get('www-authenticate'));
      expect((await call(url(), startingIn(token, 60))).status).toBe(200);
    });

    it('when tokenClockSkewSeconds is 0, then a token 1 minute before its nbf is refused', async () => {
      sim.setConfig({ tokenClockSkewSeconds: 0 });
      try {
        expect((await call(`${sim.urls.bap}${ENVIRONMENTS}?api-version=2020-10-01`, startingIn(bap, 60))).status).toBe(401);
      } finally {
        sim.setConfig({ tokenClockSkewSeconds: 300 });
      }
    });
  });
});

/** Graph's error carries a fresh request id and date each time; the rest must be equal. */
function withoutIds(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const error = (body as { error?: Record<string, unknown> }).error;
  return error ? { error: { ...error, innerError: undefined } } : body;
}
