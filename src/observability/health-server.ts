import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What /health reports; `stopping` turns the answer into 503 so a load balancer stops routing. */
export interface HealthSource {
  stopping(): boolean;
  details(): Record<string, unknown>;
}

/** The worker process's small HTTP server: GET /health and GET /metrics (Prometheus text format). */
export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

/**
 * node:http rather than express: two read-only routes, and the worker image then carries no web
 * framework on its metrics port. /health answers 200 while the process runs, even when the engine
 * is unreachable: restarting the worker would not bring the engine back, and the workers
 * reconnect by themselves (the body says what they see).
 */
export async function startHealthServer(options: {
  port: number;
  host: string;
  registry: Registry;
  health: HealthSource;
}): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/health') {
      const stopping = options.health.stopping();
      response.writeHead(stopping ? 503 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: stopping ? 'STOPPING' : 'UP', ...options.health.details() }));
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 404, title: 'Not Found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
