import { type Api, FileAttachment, MaxError } from '@maxhub/max-bot-api';
import type { AttachmentRequest } from '@maxhub/max-bot-api/types';

/** A file to send: its bytes and the name the person sees. */
export interface MaxFile {
  content: Uint8Array | Buffer;
  fileName: string;
}

export interface MaxUploadOptions {
  /** How long the bytes may take to reach MAX (the SDK's own default is 20 s). */
  timeoutMs?: number;
}

export interface MaxFileSendOptions extends MaxUploadOptions {
  /**
   * The waits between our sends while MAX answers "attachment not ready", on top of the SDK's
   * own three tries (1, 2, 4 s) inside each send: one more send than there are waits.
   */
  retryDelaysMs?: readonly number[];
  /** Tests make the waits instant and record them. */
  sleep?: (ms: number) => Promise<void>;
}

/** 5 sends in all; with the SDK's waits the worst case is about 45 s before giving up. */
export const MAX_NOT_READY_DELAYS_MS = [500, 1000, 2000, 4000] as const;
const UPLOAD_TIMEOUT_MS = 20_000;

// The SDK answers a network failure of an upload with 499 (client closed request); so do we.
const networkError = (message: string, code: string) => new MaxError(499, { code, message });

/**
 * Uploads a file and answers the token to attach it by. The SDK's own path (`api.uploadFile`)
 * takes a Buffer but names it with a random UUID (its `getStreamFromSource`), and the person
 * would get a file without its name or `.pdf`; so the SDK asks for the upload URL
 * (`POST /uploads?type=file`) and the bytes go there as the SDK sends them (multipart, field
 * `data`, no token: the URL carries the right) with the name kept.
 */
export async function uploadMaxFile(api: Api, file: MaxFile, options: MaxUploadOptions = {}): Promise<{ token: string }> {
  const target = await api.raw.uploads.getUploadUrl({ type: 'file' });
  const form = new FormData();
  form.append('data', new Blob([new Uint8Array(file.content)]), file.fileName);
  let res: Response;
  try {
    res = await fetch(target.url, { method: 'POST', body: form, signal: AbortSignal.timeout(options.timeoutMs ?? UPLOAD_TIMEOUT_MS) });
  } catch (err) {
    const aborted = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw aborted
      ? networkError('Upload timed out', 'upload.request.aborted')
      : networkError(`Network error: ${err instanceof Error ? err.message : String(err)}`, 'upload.request.error');
  }
  const text = await res.text();
  let body: { token?: unknown; code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { message: text };
  }
  if (!res.ok) {
    throw new MaxError(res.status, {
      code: typeof body.code === 'string' ? body.code : 'upload.failed',
      message: String(body.message ?? ''),
    });
  }
  // Files get their token from the upload's answer; the URL's answer carries one for video and audio.
  const token = typeof body.token === 'string' ? body.token : target.token;
  if (!token) throw new MaxError(502, { code: 'upload.no.token', message: 'The upload answered no token' });
  return { token };
}

export interface MaxMessageBody {
  text: string;
  format: 'html' | null;
  /** Other attachments sent with the file (the inline keyboard). */
  attachments?: AttachmentRequest[];
}

/**
 * Uploads the file, then sends the message with it attached (the text is its caption, any
 * keyboard comes along) and answers the message's `mid`. MAX answers `attachment.not.ready`
 * while it processes the upload; the SDK tries each send three times over 7 s, and past that
 * this sends again after each of `retryDelaysMs`. Still not ready: the last MaxError is thrown
 * (`maxFailureOf` → `not_ready`); other errors are thrown at once.
 */
export async function sendMaxMessageWithFile(
  api: Api,
  target: { chatId: number },
  body: MaxMessageBody,
  file: MaxFile,
  options: MaxFileSendOptions = {},
): Promise<string> {
  const { token } = await uploadMaxFile(api, file, options);
  const delays = options.retryDelaysMs ?? MAX_NOT_READY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attachments: AttachmentRequest[] = [new FileAttachment({ token }).toJson(), ...(body.attachments ?? [])];
  for (let attempt = 0; ; attempt++) {
    try {
      const { message } = await api.raw.messages.send({ chat_id: target.chatId, text: body.text, format: body.format, attachments });
      return message.body.mid;
    } catch (err) {
      const notReady = err instanceof MaxError && err.code === 'attachment.not.ready';
      if (!notReady || attempt >= delays.length) throw err;
      await sleep(delays[attempt]!);
    }
  }
}
