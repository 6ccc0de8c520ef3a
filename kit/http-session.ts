/** The demo password of every user in seed/users.json (web/README.md). */
export const DEMO_PASSWORD = 'tyopari-demo';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A fetch-based client that keeps one session cookie and its CSRF token, as a browser page would. */
export class HttpSession {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if ((options.csrf ?? true) && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Signs in and keeps the cookie and CSRF token; throws unless the sign-in succeeded. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<Answer> {
    const answer = await this.call<{ csrfToken: string }>('POST', '/api/session', { username, password });
    if (answer.status !== 201) throw new Error(`sign-in of ${username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    this.csrfToken = answer.body.csrfToken;
    return answer as Answer;
  }
}
