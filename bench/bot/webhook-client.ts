import { Agent, request } from 'node:http';
import { WEBHOOK_PATH } from '../../src/bot/transport.js';

/**
 * Telegram's side of a webhook: posts updates over keep-alive connections (at most 100 per bot,
 * like Telegram) to the processes on `ports`, one after the other in turn like a load balancer
 * (any process can continue any chat).
 */
export function webhookClient(ports: readonly number[], secret: string, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: Math.ceil(Math.min(100, connections) / ports.length) });
  let next = 0;
  return (body: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const port = ports[next++ % ports.length]!;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: WEBHOOK_PATH,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-telegram-bot-api-secret-token': secret,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
