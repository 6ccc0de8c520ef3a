import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ChildService, freePort } from '../../kit/child-service.js';

const run = promisify(execFile);

/**
 * scripts/cluster-smoke.sh needs Docker, which CI has not; its app-side half does not: the same
 * HTTP calls against the embedded service, stopped and started again between `open` and `check`,
 * as the script does with `docker compose down` and `up`.
 */
describe('scripts/cluster-smoke/drive.ts against the embedded service', function () {
  this.timeout(180_000);
  let service: ChildService;

  after(async () => {
    await service?.stop();
  });

  it('should open a case, complete its first task through the inbox, and find both after a restart', async () => {
    // given
    mkdirSync(resolve('.tmp'), { recursive: true });
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'smoke-drive-'));
    service = new ChildService(await freePort(), { DATA_DIR: dataDir, WORKERS: 'in-process', DATABASE_URL: '', CAMUNDA_REST_ADDRESS: '' });
    await service.start();
    const env = { ...process.env, SMOKE_APP_URL: service.url, SMOKE_STATE_FILE: join(dataDir, 'smoke.json') };
    const drive = (mode: string) => run(process.execPath, ['--import', 'tsx', 'scripts/cluster-smoke/drive.ts', mode], { env });

    // when
    const opened = await drive('open');
    await service.stop();
    await service.start();
    const checked = await drive('check');

    // then
    expect(opened.stdout).to.match(/^case [0-9a-f-]{36} \(process instance [0-9]+\) is at ARVIOINTI with its assessment task open\n$/);
    expect(checked.stdout).to.match(
      /^after down and up, case [0-9a-f-]{36} and process instance [0-9]+ are still there, the assessment task open\n$/,
    );
  });
});
