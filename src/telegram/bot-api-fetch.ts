import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What grammY's API client passes to `fetch` and reads back from it. */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  /** Fails the request after this long: for callers without an abort signal (bot-api-direct.ts). */
  timeoutMs?: number;
}
interface FetchResponse {
  json(): Promise<unknown>;
}
type Fetch = (url: string, init?: FetchInit) => Promise<FetchResponse>;

const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/** Parsed method URLs: a bot calls a handful of methods, each under one URL. */
const targets = new Map<string, URL>();
const targetOf = (url: string): URL => {
  let target = targets.get(url);
  if (!target) {
    if (targets.size >= 256) targets.clear();
    target = new URL(url);
    targets.set(url, target);
  }
  return target;
};

/**
 * The Bot API client's `fetch` (grammY's `client.fetch`): one request on a kept-alive socket,
 * a JSON body written as one buffer and the answer read as one, without node-fetch's Headers,
 * Body and stream objects, which showed as about a tenth of the CPU of an attendance tap. A
 * file upload's multipart body (a stream) is piped as it comes. The abort signal grammY uses
 * for its timeout ends the request: through a listener of our own, removed when the request
 * ends, rather than http.request's `signal` option, whose stream bookkeeping cost more than
 * the rest of building the request.
 *
 * A kept-alive socket can be closed by the server just as a request goes out on it (the
 * server's idle timeout and our reuse cross): the request then fails with a reset before any
 * answer, and the server never read it. Such a request is sent again on another socket, as
 * Node's documentation advises; a stream body cannot be replayed, so its failure stands.
 */
export const botApiFetch: Fetch = (url, init = {}) => {
  const target = targetOf(url);
  const https = target.protocol === 'https:';
  const body = init.body;
  const whole = typeof body === 'string' ? Buffer.from(body, 'utf8') : null;
  const stream = body && typeof body === 'object' && (Symbol.asyncIterator in body || body instanceof Readable) ? body : null;
  const headers: Record<string, string | number> = { ...init.headers };
  delete headers.connection; // the agent keeps the socket alive
  if (whole) headers['content-length'] = whole.length;
  const signal = init.signal;
  return new Promise<FetchResponse>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    let answered = false;
    let req = send();
    const timer =
      init.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            req.destroy(Object.assign(new Error(`No answer within ${init.timeoutMs} ms`), { name: 'TimeoutError' }));
          }, init.timeoutMs);
    function send() {
      const sent = (https ? httpsRequest : httpRequest)(
        target,
        {
          method: init.method ?? 'GET',
          agent: https ? agents['https:'] : agents['http:'],
          headers,
        },
        (res: IncomingMessage) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ json: async () => JSON.parse(text) as unknown });
          });
        },
      );
      sent.on('error', (err: NodeJS.ErrnoException) => {
        // Each stale socket fails once and is dropped, so this ends on a fresh socket at worst.
        if (sent.reusedSocket && !answered && !stream && !signal?.aborted && (err.code === 'ECONNRESET' || err.code === 'EPIPE'))
          req = send();
        else fail(err);
      });
      if (whole) sent.end(whole);
      else if (stream) pipeline(stream instanceof Readable ? stream : Readable.from(stream as AsyncIterable<Uint8Array>), sent).catch(fail);
      else sent.end();
      return sent;
    }
    function onAbort() {
      req.destroy(abortError(signal!));
    }
    function fail(err: Error) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
};

/** What fetch rejects with when aborted: an AbortError carrying the signal's reason. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason as unknown }), { name: 'AbortError' });
}
