import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';

/** One request as the stand-in received it, with the client port it came from (which socket). */
export interface Arrival {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  port: number;
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 standing in for the Bot API for the tests of the calling
 * file (started before them, closed after): every request is read whole, recorded in `seen`
 * and handed to `answer` as it is at that moment, so a test can change the answer between calls.
 */
export function useBotApiStandIn() {
  let server: Server | undefined;
  let root = '';
  const standIn = {
    seen: [] as Arrival[],
    answer: ((_req, res) => res.end(JSON.stringify({ ok: true, result: true }))) as Answer,
    get root() {
      return root;
    },
    get server() {
      return server!;
    },
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        standIn.seen.push({
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          port: req.socket.remotePort ?? 0,
        });
        standIn.answer(req, res);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  );
  return standIn;
}
