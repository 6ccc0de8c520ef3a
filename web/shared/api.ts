/** A failed API call: the problem document's status and detail, and the invalid fields if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: { field: string; detail: string }[] = [],
  ) {
    super(detail);
  }
}

let csrfToken: string | undefined;

/** The token unsafe requests echo in X-CSRF-Token; set from the session when the page starts. */
export function useCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Calls the app's API with JSON; answers the parsed body (undefined for 204) or throws ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const problem = (json ?? {}) as { detail?: string; errors?: { field: string; detail: string }[] };
    throw new ApiError(res.status, problem.detail ?? res.statusText, problem.errors);
  }
  return json as T;
}

/** Whether asking again later may work: the service or what it reads from (the engine) cannot be reached now. */
export function isUnavailable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 503;
}

/** A Finnish message for a failed call, for the page to show. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Yhteys palvelimeen katkesi. Yritä uudelleen.';
  switch (error.status) {
    case 401:
      return 'Istunto on päättynyt. Kirjaudu uudelleen.';
    case 403:
      return error.detail ? `Sinulla ei ole oikeutta tähän. ${error.detail}` : 'Sinulla ei ole oikeutta tähän.';
    case 404:
      return 'Tietoa ei löytynyt. Se on ehkä jo käsitelty.';
    case 409:
      return 'Tilanne on muuttunut: joku muu on ehkä jo ottanut tehtävän. Päivitä sivu.';
    case 429:
      return 'Liian monta epäonnistunutta kirjautumisyritystä. Odota hetki ja yritä uudelleen.';
    case 503:
      return 'Prosessimoottoria ei juuri nyt tavoiteta. Yritä hetken kuluttua uudelleen.';
    default:
      return error.status >= 500 ? 'Palvelussa tapahtui virhe. Yritä hetken kuluttua uudelleen.' : `Pyyntö hylättiin: ${error.detail}`;
  }
}
