/** An answer of `raw`: the status, the content type and headers, the body as text and, where it is JSON, parsed. */
export interface RawResponse {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  body: Record<string, unknown> | null;
}

/** What `raw` sends: a JSON body, or a body of its own with its content type. */
export interface RawRequest {
  json?: unknown;
  body?: string | Blob | FormData;
  contentType?: string;
}

/**
 * A request without the official client, for what the client would not send (bad bodies, unknown
 * paths, wrong methods) or to read an answer's headers; `target` is anything with a base URL.
 */
export async function raw(target: { url: string }, method: string, path: string, request: RawRequest = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  let body = request.body;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['content-type'] = 'application/json';
  }
  if (request.contentType) headers['content-type'] = request.contentType;
  const response = await fetch(`${target.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: Record<string, unknown> | null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text,
    body: parsed,
  };
}
