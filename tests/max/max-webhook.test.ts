import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createLogger } from '../../src/logger.js';
import { MAX_WEBHOOK_PATH, maxWebhookExtension, subscribeMaxWebhook } from '../../src/max/carrier/index.js';
import { MAX_SECRET_HEADER } from '../../src/max/index.js';
import { screensBot } from './carrier-fixture.js';

describe('MAX webhook: MAX POSTs updates with the secret header; the same bot answers', () => {
  const secret = 'max-webhook-secret-for-tests';
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  let standIn: MaxStandIn;
  let web: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    standIn = createMaxStandIn({ ratePerSecond: 0 });
    await standIn.start();
    const { api, handle } = await screensBot(standIn, 'edit', logger);
    web = Fastify();
    await web.register(maxWebhookExtension(handle, secret, logger));
    await web.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}${MAX_WEBHOOK_PATH}`;
    await subscribeMaxWebhook(api, url, secret, logger);
  });
  afterAll(async () => {
    await web?.close();
    await standIn?.stop();
  });

  it('subscribes with the secret; a message arrives by webhook and is answered', async () => {
    expect(standIn.subscriptions).toEqual([expect.objectContaining({ url, secret })]);
    const u = standIn.user(950_001);
    await u.say('/hello'); // the stand-in POSTs it and waits for the answer
    expect(u.last()?.text).toBe('<b>Привет</b> &lt;мир&gt;');
  });

  it('refuses a call without the right secret (401) and a body that is not an update (400)', async () => {
    const update = { update_type: 'message_created', timestamp: Date.now(), message: null };
    const none = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
    expect(none.status).toBe(401);
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [MAX_SECRET_HEADER]: `${secret}x` },
      body: JSON.stringify(update),
    });
    expect(wrong.status).toBe(401);
    const junk = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [MAX_SECRET_HEADER]: secret },
      body: '[1,2]',
    });
    expect(junk.status).toBe(400);
    // An update of a kind the bot does not handle is taken and ignored.
    const other = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [MAX_SECRET_HEADER]: secret },
      body: JSON.stringify(update),
    });
    expect(other.status).toBe(200);
  });
});
