/**
 * Errors the domain throws. Edges translate them: HTTP to 4xx statuses, the bot to a friendly
 * message; background work logs them and records the outcome on its row (a notice that can
 * never be sent ends `failed`, and its job ends with BullMQ's UnrecoverableError so it is not
 * retried). Anything else is a bug or an outage.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'gone'
  | 'rate_limited'
  | 'read_only'
  | 'unauthorized';

export interface ErrorDetail {
  /** Where the problem is: a field path, or `row 12: lastName` for imports. */
  path?: string;
  row?: number;
  field?: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('validation_failed', message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string | number) {
    super('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Not allowed') {
    super('forbidden', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('conflict', message, details);
  }
}

/** The thing existed but can no longer be used: an expired, used or revoked code. */
export class GoneError extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super('gone', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

/** Past the edit window, in a closed year, or a cancelled lesson. */
export class ReadOnlyError extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super('read_only', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid API key is required') {
    super('unauthorized', message);
  }
}
