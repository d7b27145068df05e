import { HttpError, type Transformer } from 'grammy';
import { botApiFetch } from './bot-api-fetch.js';

/** The calls nearly every update makes; none of them can carry a file. */
const DIRECT_METHODS = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'answerCallbackQuery', 'deleteMessage']);
const JSON_HEADERS = { 'content-type': 'application/json' };
/** grammY's own default, which every other call keeps. */
const API_TIMEOUT_SECONDS = 500;

/** As grammY sends a payload: null and undefined fields left out. */
const withoutNulls = (_key: string, value: unknown) => value ?? undefined;

/**
 * A Bot API transformer that sends the common JSON calls straight to `botApiFetch`, past
 * grammY's API client, which per call makes an AbortController, races the answer against a
 * timeout and a stream error that never settle, and walks the whole payload looking for files.
 * See docs/bot.md, "Garbage collection", for what that cost.
 *
 * What it returns and throws is what grammY's client would: the parsed answer, which grammY
 * turns into a result or a GrammyError after the transformers; an HttpError when no answer
 * came. Calls with an abort signal (long polling), other methods (uploads among them) and a
 * call that may ride on the webhook reply (`ridesOnWebhookReply`, asked synchronously as
 * grammY's client does) go on to grammY's client unchanged.
 */
export function directJsonCalls(opts: {
  apiRoot: string;
  token: string;
  ridesOnWebhookReply: (method: string) => boolean;
  timeoutSeconds?: number;
}): Transformer {
  const base = `${opts.apiRoot}/bot${opts.token}/`;
  const timeoutMs = (opts.timeoutSeconds ?? API_TIMEOUT_SECONDS) * 1000;
  const send = async (method: string, payload: unknown) => {
    try {
      const res = await botApiFetch(base + method, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(payload ?? {}, withoutNulls),
        timeoutMs,
      });
      return await res.json();
    } catch (err) {
      throw new HttpError(`Network request for '${method}' failed!`, err);
    }
  };
  return ((prev, method, payload, signal) => {
    if (signal !== undefined || !DIRECT_METHODS.has(method) || opts.ridesOnWebhookReply(method)) return prev(method, payload, signal);
    return send(method, payload);
  }) as Transformer;
}
