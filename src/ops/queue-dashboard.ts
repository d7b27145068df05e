import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { basicMatches } from './credentials.js';

export const DASHBOARD_PATH = '/admin/queues';

export interface DashboardOptions {
  queues: Queue[];
  user: string;
  password: string;
  /** Read-only (the default): jobs can be looked at, not retried, promoted or removed. */
  readOnly: boolean;
}

/**
 * Bull Board behind HTTP Basic credentials of the installation's administrator. Job payloads
 * hold ids only (DESIGN.md), so the board shows no names, but it shows the whole installation:
 * the credentials are not a school's API key.
 */
export function queueDashboardExtension(opts: DashboardOptions) {
  return async (app: FastifyInstance) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: opts.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: opts.readOnly, allowRetries: !opts.readOnly })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Школьный журнал' } },
    });
    await app.register(async (scope) => {
      // Inside this scope only: every board page, asset and API call needs the credentials.
      scope.addHook('onRequest', async (request, reply) => {
        if (!basicMatches(request.headers.authorization, opts.user, opts.password)) {
          return reply.code(401).header('www-authenticate', 'Basic realm="queues", charset="UTF-8"').send('credentials required');
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never, { prefix: DASHBOARD_PATH });
    });
  };
}
