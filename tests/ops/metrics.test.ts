import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { notifications } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

const TOKEN = 'metrics-token-for-tests-0123';
const PASSWORD = 'dashboard-password-42';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The value of one sample line, e.g. sample(text, 'sj_outbox_rows{status="pending"') */
function sample(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics and the queue dashboard', () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp({ isolatedDatabase: true, env: { METRICS_TOKEN: TOKEN, DASHBOARD_PASSWORD: PASSWORD } });
    await app.http!.ready();
  });
  afterAll(() => app?.stop());

  it('refuses /metrics without the token, and counts requests by route pattern, never by id', async () => {
    expect((await app.http!.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await app.http!.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-some-length' } }))
        .statusCode,
    ).toBe(401);

    const { auth } = await createSchool(app);
    for (const id of [101, 102, 103]) await app.http!.inject({ method: 'GET', url: `/v1/lessons/${id}`, headers: auth });
    await app.http!.inject({ method: 'GET', url: '/no/such/path' });

    const res = await app.http!.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(sample(text, 'sj_http_requests_total{route="/v1/lessons/:id",method="GET",status="404"')).toBe(3);
    expect(sample(text, 'sj_http_requests_total{route="unmatched",method="GET",status="404"')).toBe(1);
    expect(text).toMatch(/sj_http_request_duration_seconds_bucket\{le="0.005",role="web",route="\/v1\/lessons\/:id",method="GET"/);
    // No raw path and no id reaches a label.
    expect(text).not.toMatch(/\/v1\/lessons\/10[123]/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('reads the outbox backlog and the queues when scraped', async () => {
    const { school } = await createSchool(app);
    const parent = await seeder(app, school.id).user(['parent']);
    const now = Date.now();
    await app.db.db.insert(notifications).values([
      { schoolId: school.id, recipientId: parent.id, kind: 'absence', dedupeKey: `m-a-${now}`, notBefore: new Date(now - 120_000) },
      { schoolId: school.id, recipientId: parent.id, kind: 'grade', dedupeKey: `m-b-${now}`, notBefore: new Date(now + 3_600_000) },
      { schoolId: school.id, recipientId: parent.id, kind: 'grade', dedupeKey: `m-c-${now}`, status: 'queued' },
      { schoolId: school.id, recipientId: parent.id, kind: 'grade', dedupeKey: `m-d-${now}`, status: 'sent' },
    ]);
    const text = (await app.http!.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(sample(text, 'sj_outbox_rows{status="pending"')).toBe(2);
    expect(sample(text, 'sj_outbox_rows{status="queued"')).toBe(1);
    const age = sample(text, 'sj_outbox_oldest_due_pending_seconds{');
    expect(age).toBeGreaterThanOrEqual(119);
    expect(age).toBeLessThan(600);
    expect(sample(text, 'sj_queue_jobs{queue="delivery",state="waiting"')).toBe(0);
  });

  it('opens Bull Board only with the administrator credentials, read-only by default', async () => {
    expect((await app.http!.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    expect(
      (
        await app.http!.inject({
          method: 'GET',
          url: '/admin/queues/api/queues',
          headers: { authorization: basic('admin', 'wrong-password-x') },
        })
      ).statusCode,
    ).toBe(401);
    const page = await app.http!.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic('admin', PASSWORD) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    const api = await app.http!.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { authorization: basic('admin', PASSWORD) },
    });
    expect(api.statusCode).toBe(200);
    const queues = (api.json() as { queues: { name: string; readOnlyMode: boolean }[] }).queues;
    expect(queues.map((q) => [q.name, q.readOnlyMode])).toEqual([['delivery', true]]);
  });
});

describe('metrics of a worker process', () => {
  it('serves /metrics on METRICS_PORT without a token, and refuses weak settings at start', async () => {
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const worker = await createTestApp({ role: 'worker', env: { METRICS_PORT: String(port) } });
    try {
      await worker.start();
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('sj_outbox_rows{status="pending",role="worker"}');
      expect(text).toContain('sj_queue_jobs{queue="delivery"');
    } finally {
      await worker.stop();
    }
    const { createConfig } = await import('../../src/config.js');
    const weak = () => createConfig({ METRICS_TOKEN: 'short', DASHBOARD_PASSWORD: 'short', METRICS_PORT: '70000' });
    for (const problem of [
      /METRICS_TOKEN must be at least 16/,
      /DASHBOARD_PASSWORD must be at least 12/,
      /METRICS_PORT must be an integer from 1 to 65535/,
    ]) {
      expect(weak).toThrow(problem);
    }
  });
});
