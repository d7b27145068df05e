import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';

describe('OpenAPI document', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
    await app.http!.ready();
  });
  afterAll(() => app.stop());

  // @fastify/swagger collects every route that is not hidden, so what can go wrong is a route
  // registered without a summary or without its error answers.
  it('describes every /v1 route with a summary and an error schema', async () => {
    const doc = (await app.http!.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown> }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    const v1 = documented.filter((d) => d.path.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThanOrEqual(25);
    for (const { path, method, op } of v1) {
      expect(op.summary, `${method.toUpperCase()} ${path} has no summary`).toBeTruthy();
      expect(Object.keys(op.responses ?? {}), `${method.toUpperCase()} ${path} documents no error answer`).toContain('401');
    }
  });
});
