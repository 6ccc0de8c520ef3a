import { expect } from 'chai';
import { startTestService, type TestService } from '../support/service.js';
import { DEMO_PASSWORD, HttpSession } from '../../kit/http-session.js';
import { expectProblem } from '../support/problem.js';

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
    expect(cookie)
      .to.match(/HttpOnly/i)
      .and.to.match(/SameSite=Lax/i)
      .and.to.match(/Path=\//);
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
    await t.service.database
      .knex('sessions')
      .where({ user_id: 'u-turku-keskusta-sh2' })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await session.call('GET', '/api/session')).status).to.equal(401);
  });

  describe('idle timeout (SESSION_IDLE_MINUTES, 30 by default)', () => {
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const signedInUserId = async (session: HttpSession, username: string) =>
      ((await session.signIn(username)).body.principal as { userId: string }).userId;
    // Moving a session's last use back is the clock moving forward, without a 30-minute wait.
    const lastSeen = async (userId: string, at?: Date): Promise<Date> => {
      const sessions = t.service.database.knex('sessions').where({ user_id: userId });
      if (at) await sessions.clone().update({ last_seen_at: at });
      const row: { last_seen_at: Date } = await sessions.clone().first('last_seen_at');
      return row.last_seen_at;
    };

    it('ends a session unused for 30 minutes: a 401 problem saying it expired, the row deleted, the cookie cleared', async () => {
      // given
      const session = new HttpSession(t.service.url);
      const userId = await signedInUserId(session, 'helmi.heinonen');
      await lastSeen(userId, minutesAgo(31));

      // when
      const answer = await session.call<{ detail: string }>('GET', '/api/inbox');

      // then
      expect(expectProblem(answer, 401).detail).to.equal('The session expired after 30 minutes without use: sign in again');
      expect(answer.headers.get('set-cookie')).to.match(/^sote_session=;/);
      expect(await t.service.database.knex('sessions').where({ user_id: userId }).count<{ count: string }[]>('* as count')).to.deep.equal([
        { count: '0' },
      ]);
    });

    it('lets an expired session sign in again at once', async () => {
      // given
      const session = new HttpSession(t.service.url);
      const userId = await signedInUserId(session, 'juha.laitinen');
      await lastSeen(userId, minutesAgo(45));

      // when the stale cookie goes along with the sign-in
      const again = await session.signIn('juha.laitinen');

      // then
      expect(again.status).to.equal(201);
      expect((await session.call('GET', '/api/session')).status).to.equal(200);
    });

    it('keeps a session in use alive past 30 minutes, writing its last use at most once a minute', async () => {
      // given
      const session = new HttpSession(t.service.url);
      const userId = await signedInUserId(session, 'kaisa.lahtinen');

      // when used 29 minutes after its last use
      await lastSeen(userId, minutesAgo(29));
      const used = await session.call('GET', '/api/session');

      // then the last use is now, so it lasts another 30 minutes
      expect(used.status).to.equal(200);
      expect(Date.now() - (await lastSeen(userId)).getTime()).to.be.below(10_000);

      // when used again 30 seconds after its last use
      const recent = minutesAgo(0.5);
      await lastSeen(userId, recent);
      expect((await session.call('GET', '/api/session')).status).to.equal(200);

      // then nothing was written
      expect((await lastSeen(userId)).getTime()).to.equal(recent.getTime());
    });
  });
});

describe('auth: the session cookie on a HOST beyond loopback', () => {
  let t: TestService;
  before(async () => {
    // /v2 without credentials is refused beyond loopback, so this service has some.
    t = await startTestService({
      HOST: '0.0.0.0',
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: 'sote',
      CAMUNDA_BASIC_AUTH_PASSWORD: 'engine-secret',
    });
  });
  after(async () => {
    await t?.close();
  });

  it('marks the session cookie Secure even on a plain http request: a TLS-terminating proxy may stand in front untrusted', async () => {
    // when
    const answer = await new HttpSession(t.service.url).signIn('aino.virtanen');

    // then
    expect(answer.headers.get('set-cookie'))
      .to.match(/; Secure/i)
      .and.to.match(/HttpOnly/i);
  });
});

describe('auth: sessions behind a TLS-terminating proxy (TRUST_PROXY=1)', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ TRUST_PROXY: '1' });
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
    expect(res.headers.get('set-cookie'))
      .to.match(/; Secure/i)
      .and.to.match(/HttpOnly/i);
  });
});
