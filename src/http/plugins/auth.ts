import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export interface Authenticator {
  authenticate(key: string): Promise<Principal>;
}

function keyOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const alt = request.headers['x-api-key'];
  return typeof alt === 'string' ? alt.trim() : '';
}

/** Every route registered inside `scope` requires a school's API key. */
export function requireApiKey(scope: FastifyInstance, auth: Authenticator): void {
  scope.decorateRequest('principal', null as never);
  scope.addHook('onRequest', async (request) => {
    const key = keyOf(request);
    if (!key) throw new UnauthorizedError('Send the school API key as "Authorization: Bearer <key>"');
    request.principal = await auth.authenticate(key);
  });
}

/** The school the key belongs to; routes are implicitly scoped to it. */
export function schoolIdOf(request: FastifyRequest): number {
  const p = request.principal;
  if (p.kind === 'system') throw new UnauthorizedError();
  return p.schoolId;
}
