/**
 * In webhook mode Telegram accepts one Bot API call in the body of the answer to the update,
 * which saves a round trip, but its result is never known and, once the answer is sent, a
 * later failure can no longer make Telegram redeliver the update. So it is used only where
 * both are harmless: answering the callback query of a press whose work is already done.
 *
 * grammY asks `canUseWebhookReply` with the method name alone, synchronously, when the call
 * starts (our transformers pass calls on without awaiting first). So a flag raised only for
 * the synchronous start of the call inside `asWebhookReply` says whether that call may ride
 * on the answer. An AsyncLocalStorage scope would say the same, but on Node 20 it turns on
 * promise hooks for every promise of the process, which cost several per cent of the CPU of
 * each update. Should a future transformer await before passing the call on, the flag is
 * down by then and the call is made as an ordinary request: slower, never wrong.
 */
let starting = false;

export function canUseWebhookReply(method: string): boolean {
  return starting && method === 'answerCallbackQuery';
}

/** Starts `call` so that its answerCallbackQuery may travel in the webhook answer (polling: a normal call). */
export function asWebhookReply<T>(call: () => Promise<T>): Promise<T> {
  starting = true;
  try {
    return call();
  } finally {
    starting = false;
  }
}
