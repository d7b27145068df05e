import type { FastifyError, FastifyInstance } from 'fastify';
import { LOCAL_DATE_RULE } from '../../domain/shared/dates.js';
import { DomainError, RateLimitedError } from '../../domain/shared/errors.js';
import { LOCAL_DATE_FORMAT } from '../validation.js';

const STATUS: Record<DomainError['code'], number> = {
  validation_failed: 422,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  read_only: 409,
  unauthorized: 401,
  payload_too_large: 413,
};

export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

export function errorBody(code: string, message: string, details: unknown[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/** Translates domain errors to 4xx and hides the internals of everything else behind a 500. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, request, reply) => {
    if (err instanceof DomainError) {
      if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(STATUS[err.code]).send(errorBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = fe.validation.map((v) => ({
        path:
          (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
          (v.params as { missingProperty?: string })?.missingProperty ||
          '',
        message:
          v.keyword === 'format' && v.params?.format === LOCAL_DATE_FORMAT ? `must be ${LOCAL_DATE_RULE}` : (v.message ?? 'is invalid'),
      }));
      return reply.status(400).send(errorBody('bad_request', `The request ${fe.validationContext ?? 'body'} is invalid`, details));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 415 ? 'unsupported_media_type' : 'bad_request';
      return reply.status(fe.statusCode).send(errorBody(code, fe.message));
    }
    request.log.error({ err }, 'request failed');
    return reply.status(500).send(errorBody('internal', 'Internal error; the request was not applied. Try again later.'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
