/**
 * A rejected engine command, carrying the HTTP status and the problem type Camunda's gateway
 * answers with (RFC 9457 problem+json: 400 INVALID_ARGUMENT, 404 NOT_FOUND, 409 INVALID_STATE or
 * ALREADY_EXISTS).
 */
export class EngineRejection extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 429 | 500 | 503 | 504,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'EngineRejection';
  }

  static invalidArgument(detail: string): EngineRejection {
    return new EngineRejection(400, 'INVALID_ARGUMENT', detail);
  }

  static notFound(detail: string): EngineRejection {
    return new EngineRejection(404, 'NOT_FOUND', detail);
  }

  static invalidState(detail: string): EngineRejection {
    return new EngineRejection(409, 'INVALID_STATE', detail);
  }

  static alreadyExists(detail: string): EngineRejection {
    return new EngineRejection(409, 'ALREADY_EXISTS', detail);
  }
}
