import { MAX_LIMITS, type MaxApi, type MaxFileSendOptions, maxFailureOf, sendMaxMessageWithFile } from '../../max/index.js';
import { ChannelError, type MaxChannel, type RenderedMessage } from './types.js';

/**
 * How long the bot pauses after MAX's 429. MAX sends no retry-after (and the SDK would not pass
 * it on): a second is enough for a one-second rate window to roll over.
 */
export const MAX_RATE_LIMIT_PAUSE_MS = 1000;

type CallbackButton = { type: 'callback'; text: string; payload: string };

/**
 * The message's buttons within MAX's keyboard limits: rows longer than 7 are wrapped, and
 * past 30 rows or 210 buttons the rest is left out (no notice comes near; a keyboard MAX would
 * refuse as a whole would lose every button).
 */
export function maxKeyboard(rows: RenderedMessage['buttons']): CallbackButton[][] {
  const out: CallbackButton[][] = [];
  let count = 0;
  for (const row of rows ?? []) {
    for (let i = 0; i < row.length; i += MAX_LIMITS.buttonsPerRow) {
      const room = Math.min(MAX_LIMITS.buttons - count, MAX_LIMITS.buttonsPerRow);
      if (out.length === MAX_LIMITS.rows || room <= 0) return out;
      const part = row.slice(i, i + room).map((b) => ({ type: 'callback' as const, text: b.text, payload: b.data }));
      out.push(part);
      count += part.length;
    }
  }
  return out;
}

/**
 * The body MAX gets. Its HTML format takes the tags our templates use (b, i, a, code); a text
 * over MAX's 4,000 characters goes as plain text cut at the limit, since cutting HTML could
 * leave a tag open and MAX would refuse the message.
 */
export function maxBody(message: RenderedMessage) {
  const buttons = maxKeyboard(message.buttons);
  const attachments = buttons.length ? [{ type: 'inline_keyboard' as const, payload: { buttons } }] : [];
  if (message.html.length <= MAX_LIMITS.textLength) return { text: message.html, format: 'html' as const, attachments };
  const text = message.text.length <= MAX_LIMITS.textLength ? message.text : `${message.text.slice(0, MAX_LIMITS.textLength - 1)}…`;
  return { text, format: null, attachments };
}

function channelErrorOf(err: unknown): ChannelError {
  const text = err instanceof Error ? err.message : String(err);
  switch (maxFailureOf(err)) {
    case 'rate_limited':
      return new ChannelError('rate_limited', text, MAX_RATE_LIMIT_PAUSE_MS);
    case 'unreachable':
      return new ChannelError('unreachable', text);
    case 'permanent':
      return new ChannelError('permanent', text);
    default:
      // 5xx, network, and an attachment still not ready after the SDK's own retries.
      return new ChannelError('transient', text);
  }
}

/**
 * `files`: how a notice's document is sent (tests make the waits for "attachment not ready"
 * instant). A notice with a file is one message: the file with the notice's text (MAX's 4,000
 * characters, as any notice) and buttons; a send that is still "not ready" after every try is
 * transient, so the delivery retries it with a new upload.
 */
export function createMaxChannel(api: MaxApi, files: MaxFileSendOptions = {}): MaxChannel {
  return {
    name: 'max',
    async send(chatId, message) {
      try {
        if (message.document) {
          const { fileName, content } = message.document;
          return { messageId: await sendMaxMessageWithFile(api, { chatId }, maxBody(message), { fileName, content }, files) };
        }
        const { message: sent } = await api.raw.messages.send({ chat_id: chatId, ...maxBody(message) });
        return { messageId: sent.body.mid };
      } catch (err) {
        throw channelErrorOf(err);
      }
    },
    async edit(_chatId, messageId, message) {
      try {
        // The attachments are sent again with the text: MAX keeps the old keyboard when they are left out.
        await api.raw.messages.edit({ message_id: messageId, ...maxBody(message) });
      } catch (err) {
        throw channelErrorOf(err);
      }
    },
  };
}
