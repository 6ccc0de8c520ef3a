import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../kit/child-service.js';

/**
 * The README's Ctrl-C, as a terminal delivers it: `script` gives `npm start` a pseudo-terminal, and
 * the ETX byte written to it makes the terminal send SIGINT to the whole foreground process group —
 * npm, node and the embedded PostgreSQL — not to one chosen process. `exec` hands the terminal to npm
 * as a user's interactive shell does: the non-interactive dash that `script` runs when SHELL is unset
 * (as in CI) answers 130 for a SIGINT it received while waiting, whatever npm's code was.
 */
describe('npm start in a terminal', function () {
  this.timeout(120_000);

  it('should stop in order and exit with code 0 when Ctrl-C is pressed', async () => {
    // given
    mkdirSync(resolve('.tmp'), { recursive: true });
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'npm-start-tty-'));
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      CAMUNDA_REST_ADDRESS: '',
      WORKERS: 'off',
    };
    const terminal = spawn('script', ['--quiet', '--flush', '--return', '--command', 'exec npm start', '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    const started = new Promise<void>((resolveStarted, reject) => {
      terminal.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Sote-työpari started')) resolveStarted();
      });
      terminal.once('exit', (code) => reject(new Error(`npm start ended (${code}) before it started:\n${output.slice(-2000)}`)));
    });
    const exited = new Promise<number | null>((resolveExit) => terminal.once('exit', (code) => resolveExit(code)));
    await started;

    // when
    terminal.stdin.write('\x03');
    const code = await exited;

    // then
    expect(code, output.slice(-2000)).to.equal(0);
    expect(output).to.match(/"signal":"SIGINT","msg":"shutting down"/);
    expect(output).to.include('"msg":"stopped"');
  });
});
