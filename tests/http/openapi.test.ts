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
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    const v1 = documented.filter((d) => d.path.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThanOrEqual(25);
    for (const { path, method, op } of v1) {
      expect(op.summary, `${method.toUpperCase()} ${path} has no summary`).toBeTruthy();
      expect(Object.keys(op.responses ?? {}), `${method.toUpperCase()} ${path} documents no error answer`).toContain('401');
    }
  });

  // Clients are generated from this document: every operation needs a stable, unique name.
  it('names every operation once, sets servers and documents both ways to send the key', async () => {
    const doc = (await app.http!.inject({ method: 'GET', url: '/docs/json' })).json();
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids.length).toBeGreaterThanOrEqual(41);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
    expect(doc.components.securitySchemes.apiKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
    expect(doc.security).toEqual([{ apiKey: [] }, { apiKeyHeader: [] }]);
  });

  it('describes the school policy setting by setting, with its defaults', async () => {
    const doc = (await app.http!.inject({ method: 'GET', url: '/docs/json' })).json();
    const policy = doc.paths['/v1/school/policy'].get.responses['200'].content['application/json'].schema;
    expect(policy.properties.gradeScale).toMatchObject({ type: 'string', enum: ['2-5', '1-5', 'pass-fail'] });
    expect(policy.properties.editWindowDays).toMatchObject({ type: 'integer', minimum: 0, maximum: 60 });
    expect(Object.keys(policy.properties)).toHaveLength(23);
    expect(policy.properties.fillDeadline.default).toBe('17:00');
    expect(policy.properties.workingDays.default).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
