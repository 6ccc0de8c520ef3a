import { expect } from 'chai';
import { startTestService, type TestService } from '../support/service.js';
import { DEMO_PASSWORD, HttpSession } from './http-session.js';

describe('auth: sessions (/api/session)', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService();
  });
  after(async () => {
    await t?.close();
  });

  it('signs in with the right password: an httpOnly, SameSite=Lax session cookie, the principal and a CSRF token', async () => {
    // given
    const session = new HttpSession(t.service.url);
    // when
    const answer = await session.signIn('aino.virtanen');
    // then
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^sote_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).to.match(/HttpOnly/i).and.to.match(/SameSite=Lax/i).and.to.match(/Path=\//);
    expect(cookie).not.to.match(/Secure/i);
    expect(answer.body).to.deep.include({ roleLabel: 'Päihdesairaanhoitaja' });
    expect(answer.body.principal).to.deep.equal({
      userId: 'u-turku-keskusta-sh1',
      username: 'aino.virtanen',
      displayName: 'Aino Virtanen',
      role: 'NURSE',
      teamId: 'turku-keskusta',
      professionalId: 'p-turku-keskusta-sh1',
      candidateGroups: ['tiimi-turku-keskusta'],
    });
    const current = await session.call('GET', '/api/session');
    expect(current.status).to.equal(200);
    expect(current.body).to.deep.include({ csrfToken: session.csrfToken });
  });

  it('stores only a hash of the session token', async () => {
    const session = new HttpSession(t.service.url);
    await session.signIn('aino.virtanen');
    const token = session.cookie!.split('=')[1];
    const rows = await t.service.database.knex('sessions').select('token_hash');
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).not.to.include(token);
  });

  it('answers 401 for a wrong password and for an unknown user, with the same detail', async () => {
    const session = new HttpSession(t.service.url);
    const wrong = await session.call('POST', '/api/session', { username: 'aino.virtanen', password: 'arvaus' });
    const unknown = await session.call('POST', '/api/session', { username: 'ei.ketaan', password: 'arvaus' });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body.detail).to.equal(unknown.body.detail);
    expect(wrong.headers.get('set-cookie')).to.equal(null);
  });

  it('names the missing fields of a sign-in', async () => {
    const answer = await new HttpSession(t.service.url).call<{ errors: { field: string }[] }>('POST', '/api/session', { username: '' });
    expect(answer.status).to.equal(400);
    expect(answer.body.errors.map((e) => e.field)).to.have.members(['username', 'password']);
  });

  it('answers 401 to GET /api/session without a session, or with a made-up cookie', async () => {
    const anonymous = new HttpSession(t.service.url);
    expect((await anonymous.call('GET', '/api/session')).status).to.equal(401);
    anonymous.cookie = 'sote_session=keksitty';
    expect((await anonymous.call('GET', '/api/session')).status).to.equal(401);
  });

  it('refuses an unsafe request of a signed-in session without its CSRF token', async () => {
    // given
    const session = new HttpSession(t.service.url);
    await session.signIn('aino.virtanen');
    // when
    const forged = await session.call('DELETE', '/api/session', undefined, { csrf: false });
    // then
    expect(forged.status).to.equal(403);
    expect(forged.body.detail).to.match(/X-CSRF-Token/);
    expect((await session.call('GET', '/api/session')).status).to.equal(200);
  });

  it('signs out: the session is gone from the database, and the cookie no longer works', async () => {
    // given
    const session = new HttpSession(t.service.url);
    await session.signIn('aino.virtanen');
    const cookie = session.cookie;
    // when
    const answer = await session.call('DELETE', '/api/session');
    // then
    expect(answer.status).to.equal(204);
    expect(answer.headers.get('set-cookie')).to.match(/sote_session=;/);
    session.cookie = cookie;
    expect((await session.call('GET', '/api/session')).status).to.equal(401);
  });

  it('ends a session when it expires', async () => {
    const session = new HttpSession(t.service.url);
    await session.signIn('eero.heikkinen');
    await t.service.database.knex('sessions').where({ user_id: 'u-turku-keskusta-sh2' }).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await session.call('GET', '/api/session')).status).to.equal(401);
  });
});

describe('auth: sessions behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ TRUST_PROXY: 'true' });
  });
  after(async () => {
    await t?.close();
  });

  it('marks the session cookie Secure when the proxy says the request came over https', async () => {
    const res = await fetch(`${t.service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'aino.virtanen', password: DEMO_PASSWORD }),
    });
    expect(res.status).to.equal(201);
    expect(res.headers.get('set-cookie')).to.match(/; Secure/i).and.to.match(/HttpOnly/i);
  });
});
