import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local identity provider for tests: serves its JWKS and OpenID discovery over http, signs
 * access tokens, and runs a minimal authorization code flow with PKCE that signs in whoever the
 * test names (`nextLogin`), as a Keycloak realm would after its login page.
 */
export interface TestIdentityProvider {
  issuer: string;
  jwksUrl: string;
  /** A token for this audience, valid for an hour unless the claims say otherwise. */
  sign(claims: JWTPayload & { aud: string }, options?: { expiresAt?: number }): Promise<string>;
  /** The user the next authorization request signs in, by preferred_username. */
  nextLogin: { username: string };
  /** The client the flow accepts. */
  client: { id: string; secret: string };
  close(): Promise<void>;
}

interface PendingCode {
  username: string;
  nonce: string;
  challenge: string;
  redirectUri: string;
}

export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const codes = new Map<string, PendingCode>();
  const client = { id: 'sote-tyopari', secret: randomBytes(16).toString('hex') };
  const nextLogin = { username: 'aino.virtanen' };
  let issuer = '';
  const sign = (claims: JWTPayload, expiresAt: number | string = '1h') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(privateKey);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/jwks') return json(200, { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] });
    if (url.pathname === '/realms/varha/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: new URL('/jwks', issuer).href,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    }
    if (url.pathname === '/realms/varha/auth') {
      const q = url.searchParams;
      if (q.get('client_id') !== client.id || q.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        username: nextLogin.username,
        nonce: q.get('nonce') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return res.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/realms/varha/token' && req.method === 'POST') {
      return void readForm(req).then(async (form) => {
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const authenticated = basicClient(req) ?? { id: form.get('client_id'), secret: form.get('client_secret') };
        const challengeOk = pending && createHash('sha256').update(verifier).digest('base64url') === pending.challenge;
        if (
          !pending ||
          !challengeOk ||
          authenticated.id !== client.id ||
          authenticated.secret !== client.secret ||
          form.get('redirect_uri') !== pending.redirectUri
        ) {
          return json(400, { error: 'invalid_grant' });
        }
        const idToken = await sign({
          aud: client.id,
          sub: `kc-${pending.username}`,
          nonce: pending.nonce,
          preferred_username: pending.username,
        });
        json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${base}/realms/varha`;
  return {
    issuer,
    jwksUrl: `${base}/jwks`,
    sign: (claims, options = {}) => sign(claims, options.expiresAt),
    nextLogin,
    client,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(new URLSearchParams(body)));
  });
}

function basicClient(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':').map(decodeURIComponent);
  return { id, secret };
}
