import type { RequestHandler } from 'express';

/** NUL and the other C0 control characters, and DEL: no id, key, name or filter value of this service holds one. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Refuses, before any route sees it, a URL whose path or query is not valid percent-encoding or
 * decodes to control characters: express would throw deep in parameter decoding, and PostgreSQL
 * refuses NUL in text, and both would surface as a 500. The answer is a 400 problem document
 * naming what is wrong, whichever part of the service (/api, /v2, the pages) was asked.
 */
export function urlHygiene(): RequestHandler {
  return (req, res, next) => {
    const [path, query = ''] = req.originalUrl.split('?', 2);
    const problem =
      malformedPart('path', path) ??
      query
        .split('&')
        .map((pair) => malformedPart('query', pair.replace(/\+/g, ' ')))
        .find(Boolean);
    if (!problem) return next();
    res
      .status(400)
      .type('application/problem+json')
      .send(JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: problem, instance: safeInstance(path) }));
  };
}

function malformedPart(where: 'path' | 'query', text: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return `The URL ${where} is not valid percent-encoding`;
  }
  return hasControlCharacter(decoded) ? `The URL ${where} holds control characters` : undefined;
}

/** The path as the problem's `instance`, kept only when it decodes cleanly. */
function safeInstance(path: string): string {
  return malformedPart('path', path) ? '(malformed)' : path;
}
