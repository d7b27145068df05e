import { createHash } from 'node:crypto';
import { type Api, Bot, MaxError } from '@maxhub/max-bot-api';

export { Api as MaxApi, MaxError } from '@maxhub/max-bot-api';

/** The header MAX sends with every webhook call, holding the secret given at subscription. */
export const MAX_SECRET_HEADER = 'x-max-bot-api-secret';

/** MAX's documented limits (dev.max.ru, the SDK's issues): checked before a call, not learnt from errors. */
export const MAX_LIMITS = {
  textLength: 4000,
  buttonsPerRow: 7,
  rows: 30,
  buttons: 210,
} as const;

/** Where MAX Bot API calls go: MAX itself, or the stand-in (MAX_API_ROOT) in tests and the demo. */
export interface MaxApiTarget {
  token: string;
  /** null: the SDK's own address (platform-api2.max.ru). */
  apiRoot?: string | null;
}

/**
 * The SDK's API client. The SDK makes its HTTP client only inside `Bot` (its `createClient` is
 * not exported), so a Bot that never starts lends its `api`; every call goes through the SDK's
 * own request code and `MaxError`.
 */
export function createMaxApi(target: MaxApiTarget): Api {
  const clientOptions = target.apiRoot ? { baseUrl: target.apiRoot } : {};
  return new Bot(target.token, { clientOptions }).api;
}

/** The secret MAX is to send back: the configured one, else one derived from the token (like Telegram's). */
export function maxWebhookSecret(token: string, configured: string | null): string {
  return configured ?? createHash('sha256').update(`max-webhook:${token}`).digest('hex');
}

/**
 * What a MAX error means for whoever sent the call. Codes as MAX answers them (see
 * src/dev/max-stand-in/README.md for what is documented and what is assumed):
 * 429 `too.many.requests`; 403 `chat.denied` (the person stopped or blocked the bot, the
 * dialog is suspended) and 404 `chat.not.found`/`not.found` (the dialog was removed);
 * `attachment.not.ready` while an upload is processed; 5xx while MAX is unwell.
 */
export type MaxFailure = 'rate_limited' | 'unreachable' | 'not_ready' | 'transient' | 'permanent';

export function maxFailureOf(err: unknown): MaxFailure {
  if (!(err instanceof MaxError)) return 'transient';
  if (err.status === 429 || err.code === 'too.many.requests') return 'rate_limited';
  if (err.code === 'attachment.not.ready') return 'not_ready';
  if (err.status === 403 || err.code === 'chat.denied') return 'unreachable';
  if (err.status === 404 && /chat|dialog|not\.found/i.test(`${err.code} ${err.description}`)) return 'unreachable';
  // The SDK reports a network failure of an upload as 499; a timeout or reset is worth another try.
  if (err.status >= 500 || err.status === 499) return 'transient';
  return 'permanent';
}

export {
  MAX_NOT_READY_DELAYS_MS,
  type MaxFile,
  type MaxFileSendOptions,
  type MaxMessageBody,
  type MaxUploadOptions,
  sendMaxMessageWithFile,
  uploadMaxFile,
} from './upload.js';
