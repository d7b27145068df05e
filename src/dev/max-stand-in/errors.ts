import type { Fault } from './types.js';

/**
 * MAX's error answers, `{ code, message }` with the HTTP status. What is documented and what
 * is assumed: README.md, "Errors".
 */
export const MAX_ERRORS = {
  unauthorized: { status: 401, code: 'verify.token', message: 'Invalid access_token' },
  rateLimited: { status: 429, code: 'too.many.requests', message: 'Too many requests' },
  /** The person stopped or blocked the bot: the dialog is suspended. */
  blocked: { status: 403, code: 'chat.denied', message: 'error.dialog.suspended' },
  /** The person deleted the dialog (or the account is gone). */
  removed: { status: 404, code: 'chat.not.found', message: 'error.dialog.notfound' },
  notReady: { status: 400, code: 'attachment.not.ready', message: 'Key: errors.process.attachment.file.not.processed' },
  unavailable: { status: 503, code: 'service.unavailable', message: 'Service temporarily unavailable' },
  notFound: { status: 404, code: 'not.found', message: 'Not found' },
  badRequest: { status: 400, code: 'proto.payload', message: 'Bad request' },
} as const satisfies Record<string, Omit<Fault, 'times'>>;

export class StandInError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (e: Omit<Fault, 'times'>, message = e.message) => new StandInError(e.status, e.code, message);
