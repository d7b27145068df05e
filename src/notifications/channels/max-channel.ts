import { type MaxApi, type MaxFileSendOptions, maxFailureOf, sendMaxMessageWithFile } from '../../max/index.js';
import { fitRows, keyboardAttachments, maxTextOf } from '../../max/carrier/markup.js';
import { ChannelError, type MaxChannel, type RenderedMessage } from './types.js';

/**
 * How long the bot pauses after MAX's 429. MAX sends no retry-after (and the SDK would not pass
 * it on): a second is enough for a one-second rate window to roll over.
 */
export const MAX_RATE_LIMIT_PAUSE_MS = 1000;

/** The message's buttons as MAX's callback buttons, within MAX's keyboard limits (the carrier's rule). */
export function maxKeyboard(rows: RenderedMessage['buttons']) {
  return fitRows((rows ?? []).map((row) => row.map((b) => ({ type: 'callback' as const, text: b.text, payload: b.data }))));
}

/** The body MAX gets: the bot's screens and the notices fit MAX's limits by the same rule. */
export function maxBody(message: RenderedMessage) {
  return { ...maxTextOf(message.html, true, message.text), attachments: keyboardAttachments(maxKeyboard(message.buttons)) };
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
