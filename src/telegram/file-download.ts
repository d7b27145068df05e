import type { BotApiTarget } from './index.js';

const TELEGRAM_API_ROOT = 'https://api.telegram.org';
const DOWNLOAD_TIMEOUT_MS = 20_000;

/** A file Telegram would not hand over, or one larger than the caller takes. */
export class FileDownloadError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * Downloads a file the user sent, by the `file_path` getFile gave, from
 * `${apiRoot}/file/bot<token>/<path>`. Stops reading past `maxBytes` (whatever file_size said),
 * so a lying or huge file costs at most that much memory.
 */
export async function downloadTelegramFile(target: BotApiTarget, filePath: string, maxBytes: number): Promise<Uint8Array> {
  return downloadCapped(`${target.apiRoot ?? TELEGRAM_API_ROOT}/file/bot${target.token}/${filePath}`, maxBytes);
}

/** Downloads `url`, reading at most `maxBytes` (MAX hands a sent file over by its address). */
export async function downloadCapped(url: string, maxBytes: number): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  // The URL carries the token: the message never does.
  if (!res.ok || !res.body) throw new FileDownloadError(`file download failed with HTTP ${res.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await res.body.cancel().catch(() => {});
      throw new FileDownloadError(`the file is larger than ${maxBytes} bytes`, true);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
