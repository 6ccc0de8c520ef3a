import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../kit/http-session.js';
import { startTestService, type TestService } from '../support/service.js';
import { expectProblem } from '../support/problem.js';

/** One proxy in front; a username gets 3 failures and an address 5 per window. */
const LIMITS = { TRUST_PROXY: '1', SIGN_IN_MAX_FAILURES: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '5' };

describe('sign-in limits per username and per address, behind one trusted proxy', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService(LIMITS);
  });
  after(async () => {
    await t?.close();
  });

  /** A sign-in as the proxy forwards it: whatever X-Forwarded-For the client sent, then the address the proxy saw. */
  const signIn = async (username: string, password: string, clientAddress: string, claimed?: string) => {
    const answer = await fetch(`${t.service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': claimed ? `${claimed}, ${clientAddress}` : clientAddress },
      body: JSON.stringify({ username, password }),
    });
    return {
      status: answer.status,
      retryAfter: answer.headers.get('retry-after'),
      type: answer.headers.get('content-type'),
      body: (await answer.json()) as { detail: string },
    };
  };

  it('should count a client rotating its own X-Forwarded-For as the one address the proxy saw', async () => {
    // given five failures from one client, each claiming another address, each for another username
    const failures = [];
    for (let i = 1; i <= 5; i++) failures.push(await signIn(`arvaus.${i}`, 'guess', '203.0.113.10', `10.9.${i}.${i}`));

    // when
    const limited = await signIn('arvaus.6', 'guess', '203.0.113.10', '10.9.6.6');

    // then
    expect(failures.map((a) => a.status)).to.deep.equal([401, 401, 401, 401, 401]);
    expectProblem({ ...limited, contentType: limited.type }, 429);
    expect(limited.retryAfter).to.match(/^[0-9]+$/);
    expect(Number(limited.retryAfter)).to.be.within(1, 15 * 60);
    expect(limited.body.detail).to.match(/^Too many failed sign-ins from this address: try again in 1[45] minutes$/);
  });

  it('should lock a username after 3 failures from different addresses, even for the right password', async () => {
    // given
    const failures = [];
    for (let i = 1; i <= 3; i++) failures.push(await signIn('eero.heikkinen', 'guess', `198.51.100.${i}`));

    // when
    const limited = await signIn('eero.heikkinen', DEMO_PASSWORD, '198.51.100.4');

    // then
    expect(failures.map((a) => a.status)).to.deep.equal([401, 401, 401]);
    expect(limited.status).to.equal(429);
    expect(limited.retryAfter).to.match(/^[0-9]+$/);
    expect(limited.body.detail).to.match(/^Too many failed sign-ins for this username: try again in 1[45] minutes$/);
  });

  it('should not lock out another username signing in from the same address (a clinic behind one NAT)', async () => {
    // given one person's typos lock their own username
    for (let i = 1; i <= 3; i++) expect((await signIn('aino.virtanen', 'typo', '203.0.113.20')).status).to.equal(401);
    expect((await signIn('aino.virtanen', 'typo', '203.0.113.20')).status).to.equal(429);

    // when a colleague signs in from the same address, or mistypes once
    const colleague = await signIn('lauri.nurmi', DEMO_PASSWORD, '203.0.113.20');
    const colleagueTypo = await signIn('minna.toivonen', 'typo', '203.0.113.20');

    // then
    expect(colleague.status).to.equal(201);
    expect(colleagueTypo.status).to.equal(401);
  });

  it('should forgive a username its failures when it signs in', async () => {
    // given
    const before = [await signIn('outi.koskinen', 'typo', '203.0.113.30'), await signIn('outi.koskinen', 'typo', '203.0.113.30')];

    // when
    const signedIn = await signIn('outi.koskinen', DEMO_PASSWORD, '203.0.113.30');
    const after = [
      await signIn('outi.koskinen', 'typo', '203.0.113.30'),
      await signIn('outi.koskinen', 'typo', '203.0.113.30'),
      await signIn('outi.koskinen', 'typo', '203.0.113.30'),
    ];

    // then
    expect(before.map((a) => a.status)).to.deep.equal([401, 401]);
    expect(signedIn.status).to.equal(201);
    expect(after.map((a) => a.status)).to.deep.equal([401, 401, 401]);
  });

  it('should let no more than 3 guesses of one username through a burst of 12 at once', async () => {
    // when
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn('anne.lehtonen', 'guess', `192.0.2.${i + 1}`)));

    // then
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).to.be.at.most(3);
    expect(
      statuses.filter((s) => s !== 401).every((s) => s === 429),
      statuses.join(' '),
    ).to.equal(true);
  });
});
