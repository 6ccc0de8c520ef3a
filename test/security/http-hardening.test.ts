import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { generateKeyPair, SignJWT } from 'jose';
import { startTestService, type TestService } from '../support/service.js';
import { startTestIdentityProvider, type TestIdentityProvider } from './jwks-server.js';
import { answerOf, expectProblem } from '../support/problem.js';

const AUDIENCE = 'sote-tyopari-api';
const ENGINE_USER = { username: 'sote', password: 'engine-secret' };

describe('HTTP hardening', () => {
  let t: TestService;
  let idp: TestIdentityProvider;

  before(async () => {
    idp = await startTestIdentityProvider();
    // The service deploys process-application/ through its own client at start: it gets through basic auth.
    t = await startTestService({
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: ENGINE_USER.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: ENGINE_USER.password,
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: idp.jwksUrl,
      SIGN_IN_MAX_FAILURES: '3',
    });
  });

  after(async () => {
    await t?.close();
    await idp?.close();
  });

  function engineClient(password: string) {
    return createCamundaClient({
      config: {
        CAMUNDA_REST_ADDRESS: t.service.url,
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: ENGINE_USER.username,
        CAMUNDA_BASIC_AUTH_PASSWORD: password,
        CAMUNDA_SDK_LOG_LEVEL: 'silent',
      },
    });
  }

  describe('/v2 with CAMUNDA_AUTH_STRATEGY=BASIC', () => {
    it('should refuse a request without credentials with a problem and the Basic challenge', async () => {
      // when
      const answer = await fetch(`${t.service.url}/v2/topology`);

      // then
      expectProblem(await answerOf(answer), 401, { title: 'Unauthorized' });
      expect(answer.headers.get('www-authenticate')).to.match(/^Basic realm="camunda"/);
    });

    it('should serve the official client configured with the same username and password, and refuse a wrong password', async () => {
      // when
      const topology = await engineClient(ENGINE_USER.password).getTopology();
      const refused = await engineClient('wrong')
        .getTopology()
        .catch((e: unknown) => e);

      // then
      expect(topology.brokers).to.have.length.greaterThan(0);
      expect(refused).to.have.property('status', 401);
    });
  });

  describe('security headers', () => {
    it('should send helmet headers with the API and the pages', async () => {
      for (const path of ['/api/stats/stages', '/']) {
        // when
        const answer = await fetch(`${t.service.url}${path}`);

        // then
        expect(answer.headers.get('content-security-policy'), path).to.include("default-src 'self'").and.include("frame-ancestors 'none'");
        expect(answer.headers.get('x-content-type-options'), path).to.equal('nosniff');
        expect(answer.headers.get('x-frame-options'), path).to.equal('DENY');
        expect(answer.headers.get('referrer-policy'), path).to.equal('no-referrer');
        expect(answer.headers.get('x-powered-by'), path).to.equal(null);
      }
    });
  });

  describe('body size', () => {
    it('should refuse a JSON body over 16 kB with a 413 problem', async () => {
      // when
      const answer = await fetch(`${t.service.url}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ municipality: 'Turku', padding: 'x'.repeat(20_000) }),
      });

      // then
      expectProblem(await answerOf(answer), 413);
    });
  });

  describe('URL hygiene', () => {
    it('should answer 400 problems, not 500s, for broken percent-encoding, NUL bytes and broken session cookies', async () => {
      // given
      const requests: Array<[string, RequestInit?]> = [
        ['/v2/process-instances/%E0%A4%A'],
        ['/api/cases/%E0%A4%A'],
        ['/api/stats/stages?teamId=%00'],
        ['/api/inbox', { headers: { cookie: 'sote_session=%E0%A4%A' } }],
      ];

      // when
      const answers = await Promise.all(requests.map(([path, init]) => fetch(`${t.service.url}${path}`, init)));

      // then: the broken cookie is no session, so the inbox asks for a sign-in
      const problems = await Promise.all(answers.map(answerOf));
      [400, 400, 400, 401].forEach((status, i) => expectProblem(problems[i], status));
    });
  });

  describe('sign-in rate limit', () => {
    it('should answer 429 with Retry-After once a username has failed SIGN_IN_MAX_FAILURES times', async () => {
      // given three failed sign-ins
      const signIn = () =>
        fetch(`${t.service.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'aino.virtanen', password: 'guess' }),
        });
      const failures = [await signIn(), await signIn(), await signIn()];

      // when
      const limited = await signIn();

      // then
      expect(failures.map((a) => a.status)).to.deep.equal([401, 401, 401]);
      expectProblem(await answerOf(limited), 429, { title: 'Too Many Requests' });
      expect(limited.headers.get('retry-after')).to.match(/^[0-9]+$/);
    });
  });

  describe('single sign-on (bearer JWT)', () => {
    const inbox = (token?: string) => fetch(`${t.service.url}/api/inbox`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('should sign the token’s user in from the user directory', async () => {
      // given
      const token = await idp.sign({ aud: AUDIENCE, sub: 'kc-123', preferred_username: 'aino.virtanen' });

      // when
      const anonymous = await inbox();
      const bearer = await inbox(token);

      // then
      expect(anonymous.status).to.equal(401);
      expect(bearer.status, await bearer.clone().text()).to.equal(200);
      expect(await bearer.json())
        .to.have.property('items')
        .that.is.an('array');
    });

    it('should refuse expired tokens, another audience, another issuer’s key and unknown users with 401 problems', async () => {
      // given
      const stranger = await generateKeyPair('ES256');
      const forged = await new SignJWT({ preferred_username: 'aino.virtanen' })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setIssuer(idp.issuer)
        .setAudience(AUDIENCE)
        .setExpirationTime('1h')
        .sign(stranger.privateKey);
      const tokens = {
        expired: await idp.sign({ aud: AUDIENCE, preferred_username: 'aino.virtanen' }, { expiresAt: Math.floor(Date.now() / 1000) - 600 }),
        audience: await idp.sign({ aud: 'someone-else', preferred_username: 'aino.virtanen' }),
        forged,
        unknownUser: await idp.sign({ aud: AUDIENCE, preferred_username: 'nobody.here' }),
        garbage: 'not.a.jwt',
      };

      for (const [what, token] of Object.entries(tokens)) {
        // when
        const answer = await inbox(token);

        // then
        expectProblem(await answerOf(answer), 401, { what });
      }
    });
  });
});
