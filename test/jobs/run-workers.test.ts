import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { getCase } from '../../src/store/case-repository.js';
import { startTestService, type TestService } from '../support/service.js';

/** `npm run workers` as its own process, with this environment. */
function runWorkers(env: Record<string, string>): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/run-workers.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', CAMUNDA_SDK_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { child, exited };
}

describe('npm run workers', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });

  after(async () => {
    await t?.close();
  });

  it('should take the pathway’s jobs from the engine, and stop cleanly on SIGTERM', async () => {
    // given the service without in-process workers, and the workers as a process of their own
    const workers = runWorkers({ CAMUNDA_REST_ADDRESS: t.service.url, DATABASE_URL: t.service.database.url });
    try {
      // when a case is opened
      const response = await fetch(`${t.service.url}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ municipality: 'Salo', referral: { source: 'Sosiaalitoimi', reason: 'Päihteet' }, identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' } }),
      });
      const { caseId } = (await response.json()) as { caseId: string };

      // then the separate workers route it
      const deadline = Date.now() + 20_000;
      while ((await getCase(t.service.database.knex, caseId))?.teamId !== 'salo-somero') {
        if (Date.now() > deadline) throw new Error('the workers did not route the case');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      workers.child.kill('SIGTERM');
    }
    const { code, stderr } = await workers.exited;
    expect(code, stderr).to.equal(0);
  });

  it('should refuse to start without the engine and database addresses, naming them', async () => {
    // when
    const { code, stderr } = await runWorkers({}).exited;

    // then
    expect(code).to.equal(1);
    expect(stderr).to.include('npm run workers needs CAMUNDA_REST_ADDRESS and DATABASE_URL');
  });
});
