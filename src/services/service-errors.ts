/**
 * Typed errors services raise, each with a stable id. Adapters map them in one place: the API to RFC 9457
 * problem documents, pages to GOV.UK error pages or form errors, the CLI to exit status 2.
 */
export interface FieldProblem {
  /** The field, as a path (`summary`, `people[0].name`). */
  field: string;
  message: string;
}

export class ServiceError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends ServiceError {
  constructor(
    readonly problems: FieldProblem[],
    title = 'The request has problems',
  ) {
    super('validation-failed', 422, title, problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

export class NotFound extends ServiceError {
  constructor(what: string) {
    super('not-found', 404, 'Not found', `${what} was not found`);
  }
}

export class Forbidden extends ServiceError {
  constructor(message = 'You do not have access to this record') {
    super('forbidden', 403, 'Forbidden', message);
  }
}

export class Unauthenticated extends ServiceError {
  constructor(message = 'Sign in to continue') {
    super('unauthenticated', 401, 'Unauthenticated', message);
  }
}

export class Conflict extends ServiceError {
  constructor(message: string) {
    super('conflict', 409, 'Conflict', message);
  }
}
