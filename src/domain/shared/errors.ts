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
  | 'unauthorized'
  | 'payload_too_large';

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

/** An answer lists at most this many problems: a file with a million bad rows must not answer with a million lines. */
export const MAX_DETAILS = 100;

/**
 * The first MAX_DETAILS problems and, past them, one entry saying how many more there are.
 * `omitted` counts problems a collector already stopped keeping (see ProblemList).
 */
export function boundedDetails(details: ErrorDetail[], omitted = 0): ErrorDetail[] {
  const rest = omitted + Math.max(0, details.length - MAX_DETAILS);
  if (rest === 0) return details;
  return [
    ...details.slice(0, MAX_DETAILS),
    { message: `…and ${rest} more problem${rest === 1 ? '' : 's'}; only the first ${MAX_DETAILS} are listed` },
  ];
}

/** Collects problems, keeping the first MAX_DETAILS and only counting the rest. */
export class ProblemList {
  readonly details: ErrorDetail[] = [];
  private omitted = 0;
  add(detail: ErrorDetail): void {
    if (this.details.length < MAX_DETAILS) this.details.push(detail);
    else this.omitted++;
  }
  get count(): number {
    return this.details.length + this.omitted;
  }
  error(message: string): ValidationError {
    return new ValidationError(message, this.details, this.omitted);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = [], omitted = 0) {
    super('validation_failed', message, boundedDetails(details, omitted));
  }
}

/** The input is within the body limit but bigger than the import takes (rows of a file). */
export class TooLargeError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('payload_too_large', message, details);
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
