import { expect } from 'chai';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { rejectionOf } from '../workers/fixtures.js';
import { CHROMIUM_ARGS } from './browser.js';
import { chooseChromium } from './chromium-path.js';

describe('the browser the tests drive', () => {
  let dir: string;
  let executable: string;
  let plainFile: string;
  const bundled = async () => 'bundled';

  before(() => {
    dir = mkdtempSync(join(resolve('.tmp'), 'chromium-choice-'));
    executable = join(dir, 'my-chromium');
    plainFile = join(dir, 'not-executable');
    writeFileSync(executable, '#!/bin/sh\n');
    chmodSync(executable, 0o755);
    writeFileSync(plainFile, '');
  });

  it('should take CHROMIUM_PATH first, before a system Chromium', async () => {
    expect(await chooseChromium({ CHROMIUM_PATH: executable }, [executable, '/bin/sh'], bundled)).to.deep.equal({
      path: executable,
      source: 'CHROMIUM_PATH',
    });
  });

  it('should refuse a CHROMIUM_PATH that is not executable instead of quietly taking another browser', async () => {
    const error = await rejectionOf(chooseChromium({ CHROMIUM_PATH: plainFile }, ['/bin/sh'], bundled));
    expect(error.message).to.equal(`CHROMIUM_PATH=${plainFile} is not an executable file`);
  });

  it('should take the first system Chromium that is executable', async () => {
    expect(await chooseChromium({}, [join(dir, 'absent'), plainFile, executable], bundled)).to.deep.equal({
      path: executable,
      source: 'system',
    });
  });

  it('should fall back to the Chromium of the npm package when the system has none', async () => {
    expect(await chooseChromium({}, [join(dir, 'absent')], bundled)).to.deep.equal({ path: 'bundled', source: '@sparticuz/chromium' });
  });

  it('should start the npm package’s Chromium headless and render a page', async function () {
    this.timeout(60_000);
    const { path } = await chooseChromium({}, []);
    const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
    try {
      const page = await (await browser.newContext({ locale: 'fi-FI' })).newPage();
      await page.setContent('<p id="kieli"></p><script>document.getElementById("kieli").textContent = navigator.language</script>');
      expect(await page.textContent('#kieli')).to.equal('fi-FI');
      expect(path.startsWith(resolve('.tmp/chromium'))).to.equal(true);
    } finally {
      await browser.close();
    }
  });
});
