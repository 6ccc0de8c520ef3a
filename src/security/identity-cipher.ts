import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** A client's identity in the clear: only in memory, only for authorised readers. */
export interface PlainIdentity {
  fullName: string;
  henkilotunnus: string;
}

/** The identity as stored: two ciphertexts and the henkilötunnus's blind index. */
export interface SealedIdentity {
  fullNameSealed: string;
  henkilotunnusSealed: string;
  henkilotunnusIndex: string;
}

/** Encrypts and decrypts identities, and computes the blind index to look a client up by. */
export interface IdentityCipher {
  /** Seals the identity of this case; the ciphertexts only open for the same case. */
  seal(caseId: string, identity: PlainIdentity): SealedIdentity;
  /** Opens a sealed identity of this case; throws when it was tampered with or sealed for another case or key. */
  open(caseId: string, sealed: Pick<SealedIdentity, 'fullNameSealed' | 'henkilotunnusSealed'>): PlainIdentity;
  /** The blind index of a henkilötunnus: equal for equal codes, useless without the key. */
  index(henkilotunnus: string): string;
}

/** A key that is not 32 bytes, or a ciphertext that does not open. */
export class IdentityCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityCipherError';
  }
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const HENKILOTUNNUS = /^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$/;

/**
 * AES-256-GCM with a fresh 96-bit IV per value, and the case id and field name as associated data,
 * so a ciphertext copied onto another case's row, or into the other column, does not open.
 * Encryption and the index use separate subkeys derived with HKDF from the one configured key:
 * the index key never encrypts, and knowing index values tells nothing about the encryption key.
 */
export function createIdentityCipher(key: Buffer): IdentityCipher {
  if (key.length !== 32) throw new IdentityCipherError(`the identity key must be 32 bytes, got ${key.length}`);
  const encryptionKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sote-tyopari identity encryption v1', 32));
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'sote-tyopari henkilotunnus index v1', 32));

  const encrypt = (caseId: string, field: string, text: string): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
    cipher.setAAD(Buffer.from(`${caseId}/${field}`));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  };

  const decrypt = (caseId: string, field: string, sealed: string): string => {
    const [format, iv, tag, body] = sealed.split('.');
    if (format !== FORMAT || body === undefined) throw new IdentityCipherError(`case ${caseId}: ${field} is not a sealed value`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(`${caseId}/${field}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new IdentityCipherError(`case ${caseId}: ${field} does not open with this key (another key, another case, or altered)`);
    }
  };

  const index = (henkilotunnus: string): string =>
    createHmac('sha256', indexKey).update(henkilotunnus.trim().toUpperCase()).digest('base64url');

  return {
    seal(caseId, identity) {
      const henkilotunnus = identity.henkilotunnus.trim().toUpperCase();
      if (!HENKILOTUNNUS.test(henkilotunnus)) throw new IdentityCipherError('henkilotunnus: not in the form DDMMYYCZZZQ');
      return {
        fullNameSealed: encrypt(caseId, 'full_name', identity.fullName),
        henkilotunnusSealed: encrypt(caseId, 'henkilotunnus', henkilotunnus),
        henkilotunnusIndex: index(henkilotunnus),
      };
    },
    open(caseId, sealed) {
      return {
        fullName: decrypt(caseId, 'full_name', sealed.fullNameSealed),
        henkilotunnus: decrypt(caseId, 'henkilotunnus', sealed.henkilotunnusSealed),
      };
    },
    index,
  };
}
