/**
 * Why the service refuses what was asked, in the words of the rules rather than of HTTP: access
 * decisions, sign-in and lookups throw these, and the HTTP layer (src/http/problem.ts) answers each
 * with its status, so nothing below it needs to know status codes.
 */
export abstract class Refusal extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

/** Nobody is signed in, or the credentials shown name nobody this service knows. */
export class NotSignedIn extends Refusal {}

/** The one asking is known but may not do or see this. */
export class AccessDenied extends Refusal {}

/** What was asked for does not exist (or is not this one's to know about). */
export class NotFound extends Refusal {}

/** Well-formed input that names something that does not exist or does not fit: each field and why. */
export class InvalidInput extends Refusal {
  constructor(readonly fields: ReadonlyArray<{ field: string; detail: string }>) {
    super(fields.map((f) => `${f.field}: ${f.detail}`).join('; '));
  }
}

/** The request does not make sense in the state it arrived in. */
export class OutOfSequence extends Refusal {}

/** A service this one depends on (the identity provider, the engine) cannot be reached now; asking again later may work. */
export class DependencyUnavailable extends Refusal {
  constructor(
    detail: string,
    /** When asking again is worth it, in seconds. */
    readonly retryAfterSeconds = 5,
  ) {
    super(detail);
  }
}
