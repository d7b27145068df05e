import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * In webhook mode Telegram accepts one Bot API call in the body of the answer to the update,
 * which saves a round trip, but its result is never known and, once the answer is sent, a
 * later failure can no longer make Telegram redeliver the update. So it is used only where
 * both are harmless: answering the callback query of a press whose work is already done.
 * grammY asks `canUseWebhookReply` per call with the method name alone; the scope below says
 * whether the call comes from inside `asWebhookReply`.
 */
const scope = new AsyncLocalStorage<true>();

export function canUseWebhookReply(method: string): boolean {
  return method === 'answerCallbackQuery' && scope.getStore() === true;
}

/** Runs `call` so that its answerCallbackQuery may travel in the webhook answer (polling: a normal call). */
export function asWebhookReply<T>(call: () => Promise<T>): Promise<T> {
  return scope.run(true, call);
}
