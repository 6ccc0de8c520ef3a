import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { createIdentityCipher, IdentityCipherError } from '../../src/security/identity-cipher.js';
import { IDENTITY_KEY_FILE, loadIdentityKey } from '../../src/security/identity-key.js';

const identity = { fullName: 'Matti Meikäläinen', henkilotunnus: '131052-308T' };

describe('identity cipher', () => {
  const cipher = createIdentityCipher(randomBytes(32));

  describe('#seal', () => {
    it('should leave neither the name nor the henkilötunnus readable, and open to the same identity', () => {
      // given
      const caseId = randomUUID();

      // when
      const sealed = cipher.seal(caseId, identity);

      // then
      expect(JSON.stringify(sealed)).to.not.match(/Matti|Meikäläinen|131052|308T/);
      expect(cipher.open(caseId, sealed)).to.deep.equal(identity);
    });

    it('should give different ciphertexts for the same identity, and the same blind index', () => {
      // when
      const first = cipher.seal(randomUUID(), identity);
      const second = cipher.seal(randomUUID(), { ...identity, henkilotunnus: ' 131052-308t ' });

      // then
      expect(first.henkilotunnusSealed).to.not.equal(second.henkilotunnusSealed);
      expect(first.henkilotunnusIndex).to.equal(second.henkilotunnusIndex).and.equal(cipher.index('131052-308T'));
      expect(cipher.index('010594Y9021')).to.not.equal(first.henkilotunnusIndex);
    });

    it('should refuse a malformed henkilötunnus, naming the field', () => {
      expect(() => cipher.seal(randomUUID(), { fullName: 'X', henkilotunnus: '1234' })).to.throw(IdentityCipherError, /henkilotunnus/);
    });
  });

  describe('#open', () => {
    it('should refuse a ciphertext moved to another case, altered, or sealed with another key', () => {
      // given
      const caseId = randomUUID();
      const sealed = cipher.seal(caseId, identity);
      const [format, iv, tag, body] = sealed.fullNameSealed.split('.');
      const altered = [
        format,
        iv,
        tag,
        Buffer.from(Buffer.from(body, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64'),
      ].join('.');

      // then
      expect(() => cipher.open(randomUUID(), sealed)).to.throw(IdentityCipherError, /does not open/);
      expect(() => cipher.open(caseId, { ...sealed, fullNameSealed: altered })).to.throw(IdentityCipherError);
      expect(() => cipher.open(caseId, { ...sealed, fullNameSealed: sealed.henkilotunnusSealed })).to.throw(IdentityCipherError);
      expect(() => createIdentityCipher(randomBytes(32)).open(caseId, sealed)).to.throw(IdentityCipherError);
    });
  });

  it('should refuse a key that is not 32 bytes', () => {
    expect(() => createIdentityCipher(randomBytes(16))).to.throw(IdentityCipherError, /32 bytes/);
  });
});

describe('identity key', () => {
  const logger = pino({ level: 'silent' });

  it('should take IDENTITY_KEY when set', () => {
    // given
    const key = randomBytes(32);

    // when
    const loaded = loadIdentityKey({ identityKey: key.toString('base64'), dataDir: mkdtempSync(join(resolve('.tmp'), 'key-')), logger });

    // then
    expect(loaded.equals(key)).to.equal(true);
  });

  it('should refuse an IDENTITY_KEY that is not base64 of 32 bytes, naming the variable', () => {
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'key-'));
    expect(() => loadIdentityKey({ identityKey: randomBytes(16).toString('base64'), dataDir, logger })).to.throw(/IDENTITY_KEY/);
    expect(() => loadIdentityKey({ identityKey: 'not base64!', dataDir, logger })).to.throw(/IDENTITY_KEY/);
  });

  it('should generate a key into DATA_DIR once, readable by the owner only, and keep using it', () => {
    // given
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'key-'));

    // when
    const first = loadIdentityKey({ dataDir, logger });
    const second = loadIdentityKey({ dataDir, logger });

    // then
    const file = join(dataDir, IDENTITY_KEY_FILE);
    expect(first.equals(second)).to.equal(true);
    expect(readFileSync(file, 'utf8').trim()).to.equal(first.toString('base64'));
    expect(statSync(file).mode & 0o077).to.equal(0);
  });
});
