import { randomBytes } from 'node:crypto';
import timersPromises from 'node:timers/promises';
import { MaxError } from '@maxhub/max-bot-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createMaxApi, MAX_NOT_READY_DELAYS_MS, maxFailureOf, sendMaxMessageWithFile, uploadMaxFile } from '../../src/max/index.js';
import { createMaxChannel } from '../../src/notifications/channels/max-channel.js';
import { ChannelError } from '../../src/notifications/channels/types.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000), Buffer.from('\n%%EOF\n')]);
const file = { content: PDF, fileName: 'посещаемость_2026-11.pdf' };

/** Files through the SDK against the stand-in: the upload, the attach by token and "attachment not ready". */
describe('MAX files', () => {
  let standIn: MaxStandIn;
  let api: ReturnType<typeof createMaxApi>;
  /** The SDK's own waits between its three tries of a send (1, 2, 4 s), made instant and recorded. */
  let sdkWaits: number[];
  /** Ours, on top of the SDK's. */
  let ourWaits: number[];
  const sleep = async (ms: number) => {
    ourWaits.push(ms);
  };
  const sends = () => standIn.calls.filter((c) => c.path === '/messages').map((c) => c.status);

  beforeEach(async () => {
    standIn = createMaxStandIn();
    await standIn.start();
    api = createMaxApi({ token: standIn.token, apiRoot: standIn.url });
    sdkWaits = [];
    ourWaits = [];
    vi.spyOn(timersPromises, 'setTimeout').mockImplementation((async (ms?: number) => {
      sdkWaits.push(ms ?? 0);
    }) as never);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await standIn.stop();
  });

  it('uploads the bytes intact under their name and sends them with the text and keyboard', async () => {
    const p = standIn.user(601);
    const { token } = await uploadMaxFile(api, file);
    expect(token).toMatch(/\S/);

    const keyboard = {
      type: 'inline_keyboard' as const,
      payload: { buttons: [[{ type: 'callback' as const, text: 'Открыть', payload: 'r:1' }]] },
    };
    const mid = await sendMaxMessageWithFile(
      api,
      { chatId: p.chatId },
      { text: '<b>Отчёт</b> за ноябрь', format: 'html', attachments: [keyboard] },
      file,
      { sleep },
    );
    const sent = p.last()!;
    expect(sent.mid).toBe(mid);
    expect([sent.text, sent.format]).toEqual(['<b>Отчёт</b> за ноябрь', 'html']);
    expect(sent.buttons.flat().map((b) => b.payload)).toEqual(['r:1']);
    expect(sent.files.map((f) => [f.name, f.size])).toEqual([[file.fileName, PDF.length]]);
    expect(sent.files[0]!.content.equals(PDF)).toBe(true);
    expect(sent.attachments[0]).toMatchObject({ type: 'file', filename: file.fileName, size: PDF.length });
    expect(sends()).toEqual([200]);
  });

  it('not ready twice: the SDK’s own tries absorb it, ours are not needed', async () => {
    const p = standIn.user(602);
    standIn.attachmentNotReady(2);
    await sendMaxMessageWithFile(api, { chatId: p.chatId }, { text: 'Отчёт', format: null }, file, { sleep });
    expect(sends()).toEqual([400, 400, 200]);
    expect(sdkWaits).toEqual([1000, 2000]);
    expect(ourWaits).toEqual([]);
    expect(p.last()!.files[0]!.content.equals(PDF)).toBe(true);
  });

  it('not ready past the SDK’s three tries: sent again after our wait, the file arrives once', async () => {
    const p = standIn.user(603);
    standIn.attachmentNotReady(5);
    const mid = await sendMaxMessageWithFile(api, { chatId: p.chatId }, { text: 'Отчёт', format: null }, file, { sleep });
    expect(sends()).toEqual([400, 400, 400, 400, 400, 200]);
    expect(ourWaits).toEqual([MAX_NOT_READY_DELAYS_MS[0]]);
    expect(p.messages().map((m) => m.mid)).toEqual([mid]);
    expect(standIn.calls.filter((c) => c.path === '/uploads')).toHaveLength(1);
  });

  it('not ready forever: gives up after a bounded number of sends with the not-ready error', async () => {
    const p = standIn.user(604);
    standIn.attachmentNotReady(Number.POSITIVE_INFINITY);
    const err = await sendMaxMessageWithFile(api, { chatId: p.chatId }, { text: 'Отчёт', format: null }, file, { sleep }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MaxError);
    expect(maxFailureOf(err)).toBe('not_ready');
    expect(ourWaits).toEqual([...MAX_NOT_READY_DELAYS_MS]);
    // Five sends of ours, each tried three times by the SDK.
    expect(sends()).toEqual(Array(15).fill(400));
    expect(p.messages()).toHaveLength(0);
  });

  it('a blocked chat fails at once with the SDK’s error (no retries), after the upload', async () => {
    const p = standIn.user(605);
    p.block();
    const err = await sendMaxMessageWithFile(api, { chatId: p.chatId }, { text: 'Отчёт', format: null }, file, { sleep }).catch(
      (e: unknown) => e,
    );
    expect(maxFailureOf(err)).toBe('unreachable');
    expect(sends()).toEqual([403]);
    expect(ourWaits).toEqual([]);
  });

  it('an upload refused or cut off is a MaxError the channel retries', async () => {
    standIn.fail({ status: 503, code: 'service.unavailable', message: 'down', path: '/uploads' });
    const refused = await uploadMaxFile(api, file).catch((e: unknown) => e);
    expect([(refused as MaxError).status, maxFailureOf(refused)]).toEqual([503, 'transient']);

    // The upload URL MAX gave does not answer (port 1 on loopback refuses connections).
    vi.spyOn(api.raw.uploads, 'getUploadUrl').mockResolvedValue({ url: 'http://127.0.0.1:1/upload/x' });
    const cut = await uploadMaxFile(api, file).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(MaxError);
    expect([(cut as MaxError).status, maxFailureOf(cut)]).toEqual([499, 'transient']);
  });

  it('the MAX channel: a notice’s document still not ready after every try is transient, a blocked chat unreachable', async () => {
    const channel = createMaxChannel(api, { sleep, retryDelaysMs: [10] });
    const notice = {
      subject: 'Отчёт',
      html: '<b>Отчёт</b>',
      text: 'Отчёт',
      document: { fileName: 'r.pdf', content: PDF, contentType: 'application/pdf' },
    };
    const p = standIn.user(606);
    standIn.attachmentNotReady(Number.POSITIVE_INFINITY);
    const late = await channel.send(p.chatId, notice).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ChannelError);
    expect((late as ChannelError).failure).toBe('transient');
    expect(ourWaits).toEqual([10]);

    standIn.attachmentNotReady(0);
    p.block();
    const blocked = await channel.send(p.chatId, notice).catch((e: unknown) => e);
    expect((blocked as ChannelError).failure).toBe('unreachable');
    const q = standIn.user(607);
    const { messageId } = await channel.send(q.chatId, notice);
    expect(q.last()).toMatchObject({ mid: messageId, text: '<b>Отчёт</b>', format: 'html' });
    expect(q.last()!.files[0]!.content.equals(PDF)).toBe(true);
  });
});
