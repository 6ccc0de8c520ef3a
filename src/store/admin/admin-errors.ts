/**
 * Why an administrator's change was refused. Thrown by the admin repositories inside their
 * transactions (so nothing is written), answered by the admin routes as problem documents.
 */

/** A field names something that does not exist or does not fit (a team of another region, say): a 400. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InvalidReferenceError';
  }
}

/** The change contradicts data that depends on the row (active cases, a team's consultant): a 409. */
export class ConflictError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ConflictError';
  }
}

/** The row to change does not exist: a 404. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`No ${what}`);
    this.name = 'NotFoundError';
  }
}
