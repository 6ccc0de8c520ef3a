import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's `trust proxy`: no proxy, how many proxies stand in front, or which addresses are proxies. */
export type TrustProxy = false | number | string[];

/** The names proxy-addr (Express's `trust proxy`) knows for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const REFUSED_TRUE =
  'true would trust every X-Forwarded-For entry, so any client could claim any address and escape the sign-in limits; ' +
  'set how many proxies stand in front of the service (TRUST_PROXY=1 for one TLS-terminating proxy) ' +
  'or their addresses (TRUST_PROXY=10.0.0.5 or 10.0.0.0/8, comma-separated)';

/**
 * TRUST_PROXY as a hop count or a list of proxy addresses and CIDR ranges, never `true`: Express
 * then takes the client's address from the X-Forwarded-For entry the last trusted proxy added,
 * and entries a client wrote itself are ignored. Unset, empty, `false` and `0` trust no proxy.
 */
export const trustProxySetting = z
  .string()
  .optional()
  .transform((value, ctx): TrustProxy => {
    const setting = value?.trim() ?? '';
    if (setting === '' || setting === 'false' || setting === '0') return false;
    if (setting === 'true') {
      ctx.addIssue({ code: 'custom', message: REFUSED_TRUE });
      return z.NEVER;
    }
    if (/^[0-9]+$/.test(setting)) {
      const hops = Number(setting);
      if (hops <= 10) return hops;
      ctx.addIssue({
        code: 'custom',
        message: `${setting} proxies in a row is not a deployment; give the number of proxies in front of the service (1-10)`,
      });
      return z.NEVER;
    }
    const entries = setting.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isProxyAddress(entry));
    if (invalid.length === 0) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `${invalid.map((e) => JSON.stringify(e)).join(', ')} is not a hop count, an IP address, a CIDR range (10.0.0.0/8) or one of ${[...RANGE_NAMES].join(', ')}`,
    });
    return z.NEVER;
  });

function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
