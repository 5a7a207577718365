import { classifyAddUser } from '../../src/gateways/power-platform/add-user-outcome';
import type { HttpResponse } from '../../src/gateways/http/http-client';
import { AppError } from '../../src/errors';

const wrap = (inner: string): string => `The request failed with error: '${inner}'. The tracking Id is '0f6d4a52-5d1e-4c6b-9f0e-7b1f6a0e2c11'.`;
const response = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, body, headers: new Headers(headers) });

describe('classifyAddUser (responses the simulator cannot produce)', () => {
  it("when the inner JSON's description itself contains quotes and braces, then code and description are still read", () => {
    const inner = JSON.stringify({
      errors: [
        { Subject: 'Result', Description: "User 'x' is not part of security group {f180e0e0}", Code: 'userNotPartOfSecurityGroup' },
        { Subject: 'InnerException', Description: null, Code: null },
      ],
      information: [],
    });

    const outcome = classifyAddUser(response(400, { error: { code: 'BadRequest', message: wrap(inner) } }));

    expect(outcome).toEqual({ ok: false, kind: 'rejected', status: 400, code: 'userNotPartOfSecurityGroup', description: "User 'x' is not part of security group {f180e0e0}" });
  });

  it('when the message is plain text in the wrapper, then the outer code and the unwrapped text are used', () => {
    const outcome = classifyAddUser(response(404, { error: { code: 'EnvironmentNotFound', message: wrap("The environment '<null>' could not be found in the tenant ''.") } }));

    expect(outcome).toEqual({ ok: false, kind: 'rejected', status: 404, code: 'EnvironmentNotFound', description: "The environment '<null>' could not be found in the tenant ''." });
  });

  it('when the body is not JSON at all, then the outcome is still a rejection with a code', () => {
    expect(classifyAddUser(response(400, undefined))).toMatchObject({ ok: false, kind: 'rejected', status: 400, code: 'unknown' });
  });

  it('when Retry-After is an HTTP date, then retryAfterMs is the time until that date', () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const outcome = classifyAddUser(response(429, undefined, { 'retry-after': at }));
    expect(outcome).toMatchObject({ kind: 'throttled', status: 429 });
    expect(outcome.ok === false && outcome.kind === 'throttled' && outcome.retryAfterMs).toBeGreaterThan(25_000);
  });

  it('when 401 arrives, then auth.token is thrown', () => {
    expect(() => classifyAddUser(response(401, { error: { code: 'InvalidAuthenticationToken', message: 'expired' } }))).toThrow(AppError);
  });
});
