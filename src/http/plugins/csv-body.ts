import type { FastifyInstance } from 'fastify';

/**
 * CSV arrives as raw bytes: a school's export may be Windows-1251, so decoding is the
 * importer's job, not the HTTP layer's.
 */
export function acceptCsvBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
}
