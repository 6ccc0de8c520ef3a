import { isIP } from 'node:net';

/** Whether HOST is a loopback address (127.0.0.0/8, ::1, localhost): only this machine reaches the service. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
