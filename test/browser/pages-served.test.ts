import { expect } from 'chai';
import { findPages } from '../../src/web-server/build-web.js';
import { startTestService, type TestService } from '../support/service.js';
import { answerOf, expectProblem } from '../support/problem.js';

describe('web pages served by the service', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService();
  });
  after(async () => {
    await t?.close();
  });

  it('finds a page for every web/<page>/main.ts, the shared folder excluded', () => {
    expect(findPages()).to.include.members(['inbox', 'task', 'case']).and.not.include('shared');
  });

  it('serves the inbox at / as a Finnish page that loads its bundle, under a strict Content-Security-Policy', async () => {
    const res = await fetch(`${t.service.url}/`);
    const html = await res.text();
    expect(res.status).to.equal(200);
    expect(html)
      .to.include('<html lang="fi">')
      .and.to.include('src="/assets/inbox/main.js"')
      .and.to.include('href="/assets/inbox/main.css"');
    expect(res.headers.get('content-security-policy'))
      .to.match(/default-src 'self'/)
      .and.not.match(/script-src[^;]*unsafe/);
    const script = await fetch(`${t.service.url}/assets/inbox/main.js`);
    expect(script.status).to.equal(200);
    expect(script.headers.get('content-type')).to.match(/^text\/javascript/);
    expect((await script.text()).length).to.be.greaterThan(1000);
  });

  it('serves a page at /<page>/… whatever follows, and the form-js and bpmn-js styles with their pages', async () => {
    const task = await fetch(`${t.service.url}/task/123`);
    expect(await task.text()).to.include('/assets/task/main.js');
    expect(await (await fetch(`${t.service.url}/assets/task/main.css`)).text()).to.include('.fjs-container');
    expect(await (await fetch(`${t.service.url}/assets/case/main.css`)).text()).to.include('.djs-container');
  });

  it('answers 404 for a page or a file that does not exist, and leaves /api to the API', async () => {
    expect((await fetch(`${t.service.url}/ei-sivua/`)).status).to.equal(404);
    expect((await fetch(`${t.service.url}/assets/inbox/nothing.js`)).status).to.equal(404);
    const api = await fetch(`${t.service.url}/api/nothing`);
    expectProblem(await answerOf(api), 404);
  });
});
