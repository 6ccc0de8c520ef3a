import { expect } from 'chai';
import { expectProblem } from '../support/problem.js';
import { type ApiHarness, startApi } from './harness.js';

/** GET /v2/license and GET /v2/authentication/me, which Operate, Tasklist and c8ctl read first. */
describe('/v2 router: license and the authenticated user', () => {
  let signedIn: ApiHarness;
  let open: ApiHarness;

  before(async () => {
    signedIn = await startApi('api_identity_basic', { principal: 'sote-tyopari' });
    open = await startApi('api_identity_none');
  });

  after(async () => {
    await signedIn.close();
    await open.close();
  });

  it('should answer what a cluster without a license key answers', async () => {
    expect(await signedIn.client.getLicense()).to.deep.equal({
      validLicense: false,
      licenseType: 'unknown',
      isCommercial: false,
      expiresAt: null,
    });
  });

  it('should name the basic-auth user as the authenticated one, allowed every component', async () => {
    // when
    const me = await signedIn.client.getAuthentication();

    // then
    expect(me).to.include({ username: 'sote-tyopari', displayName: 'sote-tyopari', email: null, canLogout: false });
    expect(me.authorizedComponents).to.deep.equal(['*']);
    expect(me.roles).to.deep.equal(['admin']);
  });

  it('should answer 401 when /v2 runs without credentials, as nobody is signed in', async () => {
    await expectProblem(open.client.getAuthentication(), 401, { detail: 'No user is authenticated' });
  });
});
