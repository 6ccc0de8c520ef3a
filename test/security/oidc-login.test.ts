import { expect } from 'chai';
import { freePort } from '../../kit/child-service.js';
import { startTestService, type TestService } from '../support/service.js';
import { startTestIdentityProvider, type TestIdentityProvider } from './jwks-server.js';

describe('OIDC login for the pages', () => {
  let t: TestService;
  let idp: TestIdentityProvider;
  let base: string;

  /** A browser's hop: no redirects followed, cookies given explicitly. */
  const hop = (url: string, cookie = '') => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const cookieOf = (response: Response, name: string) =>
    response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

  /** Runs the login up to the provider's redirect back, and answers the callback URL and the flow cookie. */
  async function toCallback(): Promise<{ callback: string; flowCookie: string }> {
    const login = await hop(`${base}/api/auth/oidc/login`);
    expect(login.status).to.equal(303);
    const flowCookie = cookieOf(login, 'sote_oidc')!;
    const atProvider = await hop(login.headers.get('location')!);
    expect(atProvider.status).to.equal(302);
    return { callback: atProvider.headers.get('location')!, flowCookie };
  }

  before(async () => {
    idp = await startTestIdentityProvider();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestService({
      PORT: String(port),
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: 'sote-tyopari-api',
      OIDC_JWKS_URL: idp.jwksUrl,
      OIDC_CLIENT_ID: idp.client.id,
      OIDC_CLIENT_SECRET: idp.client.secret,
      OIDC_REDIRECT_URI: `${base}/api/auth/oidc/callback`,
    });
  });

  after(async () => {
    await t?.close();
    await idp?.close();
  });

  it('should sign the user in through the provider with a session like a local sign-in', async () => {
    // given
    idp.nextLogin.username = 'juha.laitinen';

    // when
    const { callback, flowCookie } = await toCallback();
    const back = await hop(callback, flowCookie);

    // then
    expect(back.status, await back.clone().text()).to.equal(303);
    expect(back.headers.get('location')).to.equal('/');
    const session = cookieOf(back, 'sote_session');
    expect(session).to.be.a('string');
    const me = await hop(`${base}/api/session`, session);
    expect(me.status).to.equal(200);
    expect(await me.json())
      .to.deep.include({ roleLabel: 'Sosiaaliohjaaja' })
      .and.have.nested.property('principal.username', 'juha.laitinen');
  });

  it('should refuse a callback whose state is not this browser’s, and a user the directory does not know', async () => {
    // given two flows: the callback of one is brought back with the other's cookie
    const first = await toCallback();
    const second = await toCallback();
    idp.nextLogin.username = 'nobody.here';
    const stranger = await toCallback();

    // when
    const crossed = await hop(first.callback, second.flowCookie);
    const unknown = await hop(stranger.callback, stranger.flowCookie);
    const noFlow = await hop(second.callback);

    // then
    expect([crossed.status, unknown.status, noFlow.status]).to.deep.equal([401, 401, 400]);
    for (const answer of [crossed, unknown, noFlow]) expect(cookieOf(answer, 'sote_session')).to.equal(undefined);
  });
});
