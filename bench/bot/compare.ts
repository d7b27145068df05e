/**
 * The bot benchmark's ratios: the product's webhook path against a floor (floor.ts: the same
 * statements and Bot API calls behind a bare Fastify route) and a stock grammY bot
 * (stock-bot.ts: session and conversations as a team would first write it), each in web
 * processes of its own over real HTTP, against the same Telegram stub and database, measured in
 * the same run. The rounds alternate between the three, in a turning order, so that drift of
 * the shared machine hits all three alike; the ratios are what holds from machine to machine.
 *
 * Targets (issue 18): ours >= 50 % of the floor's throughput and >= 3 x the stock bot's; p99 at
 * half our ceiling <= 5 x the floor's p99 at the same offered rate.
 */
import { fileURLToPath } from 'node:url';
import { startWebProcesses } from './web-processes.js';
import type { InlineButton } from './telegram-stub.js';
import { percentile, webhookClient } from './webhook-client.js';

export interface Teacher {
  chatId: number;
  lessonId: number;
}

interface Target {
  name: string;
  deliver: ReturnType<typeof webhookClient>;
  teachers: Teacher[];
  rates: number[];
  latencies: number[];
  paced: number[];
  pacedRates: number[];
  statements: number[];
  /** CPU time its web processes have used so far, in ms (null where /proc is not there). */
  cpuMs: () => Promise<number | null>;
  cpuPerUpdate: number[];
}

export interface CompareOptions {
  env: Record<string, string>;
  secret: string;
  ourPorts: number[];
  ourCpuMs: () => Promise<number | null>;
  processes: number;
  keyboardOf: (chatId: number) => { messageId: number; inline: InlineButton[][]; text: string } | undefined;
  /** Teachers for each of the three (ours, floor, stock), with their lessons of today. */
  teachers: [Teacher[], Teacher[], Teacher[]];
  /** Transactions committed or rolled back in the benchmark's database so far. */
  transactions: () => Promise<number>;
  rounds: number;
  /** What the flows wrote in these lessons (attendance marks, audit entries): the three must agree. */
  rowsWritten: (lessonIds: number[]) => Promise<string>;
}

const CLASS_SIZE = 25;
const TOGGLES = 30;
const FLOW_STEPS = TOGGLES + 5;
const PACED_PASSES = 2;

const script = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
/** The middle value; of an even count, the mean of the two middle ones (two rounds each is common). */
const median = (xs: number[]) => {
  const o = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(o.length / 2);
  return o.length % 2 ? o[mid]! : (o[mid - 1]! + o[mid]!) / 2;
};
const p99 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    99,
  );

export async function compareWithFloorAndStock(o: CompareOptions): Promise<string[]> {
  const floor = await startWebProcesses(o.processes, o.env, undefined, script('floor'));
  const stock = await startWebProcesses(o.processes, o.env, undefined, script('stock-bot'));
  const connections = o.teachers[0].length;
  const target = (name: string, ports: number[], teachers: Teacher[], cpuMs: Target['cpuMs']): Target => ({
    name,
    deliver: webhookClient(ports, o.secret, connections),
    teachers,
    rates: [],
    latencies: [],
    paced: [],
    pacedRates: [],
    statements: [],
    cpuMs,
    cpuPerUpdate: [],
  });
  const targets = [
    target('ours', o.ourPorts, o.teachers[0], o.ourCpuMs),
    target(
      'floor',
      floor.processes.map((p) => p.port),
      o.teachers[1],
      floor.cpuMs,
    ),
    target(
      'stock grammY',
      stock.processes.map((p) => p.port),
      o.teachers[2],
      stock.cpuMs,
    ),
  ] as const;
  try {
    let updateId = 1_000_000;
    const from = (chatId: number) => ({ id: chatId, is_bot: false, first_name: 'T' });
    const chat = (chatId: number) => ({ id: chatId, type: 'private', first_name: 'T' });
    const keyboard = (chatId: number) => {
      const k = o.keyboardOf(chatId);
      if (!k) throw new Error(`no keyboard in chat ${chatId}`);
      return k;
    };
    /** One update; its latency in ms, recorded in `into`. */
    const post = async (t: Target, update: Record<string, unknown>, into: number[], sentAt?: number[]) => {
      const t0 = performance.now();
      const res = await t.deliver(JSON.stringify({ update_id: updateId++, ...update }));
      if (res.status !== 200) throw new Error(`${t.name}: webhook answered ${res.status}: ${res.body}`);
      into.push(performance.now() - t0);
      sentAt?.push(t0);
    };
    const text = (chatId: number, t: string) => ({
      message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: chat(chatId), from: from(chatId), text: t },
    });
    const press = (chatId: number, data: string, messageId: number) => {
      const k = o.keyboardOf(chatId);
      const shown = k && k.messageId === messageId ? { text: k.text, reply_markup: { inline_keyboard: k.inline } } : { text: '' };
      return {
        callback_query: {
          id: `q${updateId}`,
          chat_instance: 'b',
          from: from(chatId),
          data,
          message: { message_id: messageId, date: 1, chat: chat(chatId), ...shown },
        },
      };
    };
    /**
     * Every teacher of `t` through the flow at once (Сегодня, card, Отметить, 30 taps, Сохранить,
     * Все присутствуют), `passes` times. Paced: one update every paceMs per teacher (or as soon
     * as the answer is in, if later), the teachers' starts spread over one flow.
     */
    const flow = (t: Target, into: number[], paceMs = 0, passes = 1, sentAt?: number[]) => {
      const t0 = performance.now();
      return Promise.all(
        t.teachers.map(async ({ chatId, lessonId }, n) => {
          let due = t0 + (paceMs * FLOW_STEPS * n) / t.teachers.length;
          const step = async (update: () => Record<string, unknown>) => {
            const wait = due - performance.now();
            if (paceMs && wait > 0) await new Promise((r) => setTimeout(r, wait));
            due += paceMs;
            await post(t, update(), into, sentAt);
          };
          for (let pass = 0; pass < passes; pass++) {
            await step(() => text(chatId, 'Сегодня'));
            await step(() => press(chatId, `l1:${lessonId}`, keyboard(chatId).messageId));
            await step(() => press(chatId, `a1:${lessonId}`, keyboard(chatId).messageId));
            const messageId = keyboard(chatId).messageId;
            for (let tap = 1; tap <= TOGGLES; tap++) {
              await step(() => press(chatId, keyboard(chatId).inline.flat()[(tap * 7) % CLASS_SIZE]!.callback_data, messageId));
            }
            await step(() =>
              press(
                chatId,
                keyboard(chatId)
                  .inline.flat()
                  .find((b) => b.callback_data.startsWith('s1:'))!.callback_data,
                messageId,
              ),
            );
            await step(() => press(chatId, `p1:${lessonId}`, messageId));
          }
        }),
      );
    };
    const turn = (round: number) => targets.map((_, i) => targets[(i + round) % targets.length]!);

    // A warm-up pass each (JIT, pools, sockets), then closed-loop rounds: the ceiling of each.
    for (const t of targets) await flow(t, []);
    for (let round = 0; round < o.rounds; round++) {
      for (const t of turn(round)) {
        const xacts = await o.transactions();
        const cpu = await t.cpuMs();
        const latencies: number[] = [];
        const t0 = performance.now();
        await flow(t, latencies);
        const cpuAfter = await t.cpuMs();
        if (cpu !== null && cpuAfter !== null) t.cpuPerUpdate.push((cpuAfter - cpu) / latencies.length);
        t.rates.push(latencies.length / ((performance.now() - t0) / 1000));
        t.latencies.push(...latencies);
        t.statements.push(((await o.transactions()) - xacts) / latencies.length);
      }
    }
    // Open loop at half our ceiling, the same offered rate for all three.
    const offered = median(targets[0].rates) / 2;
    const paceMs = (connections * 1000) / offered;
    for (let round = 0; round < o.rounds; round++) {
      for (const t of turn(round)) {
        const latencies: number[] = [];
        const sentAt: number[] = [];
        const t0 = performance.now();
        await flow(t, latencies, paceMs, PACED_PASSES, sentAt);
        // The passes after the first: every teacher under way.
        const from = t0 + paceMs * FLOW_STEPS;
        const to = from + (PACED_PASSES - 1) * paceMs * FLOW_STEPS;
        const inWindow = latencies.filter((_, i) => sentAt[i]! >= from && sentAt[i]! < to);
        t.paced.push(...inWindow);
        t.pacedRates.push(inWindow.length / ((to - from) / 1000));
      }
    }
    const [ours, fl, st] = targets;
    const lines = targets.map(
      (t) =>
        `${t.name}: ceiling ${median(t.rates).toFixed(0)} updates/s (rounds: ${t.rates.map((r) => r.toFixed(0)).join(', ')}), p99 there ${p99(t.latencies).toFixed(1)} ms; at ${offered.toFixed(0)} updates/s offered: ${median(t.pacedRates).toFixed(0)} answered, p50 ${median(t.paced).toFixed(1)} ms, p99 ${p99(t.paced).toFixed(1)} ms; database transactions per update ${median(t.statements).toFixed(2)}${t.cpuPerUpdate.length ? `; web CPU per update ${median(t.cpuPerUpdate).toFixed(2)} ms` : ''}`,
    );
    const written = await Promise.all(targets.map((t) => o.rowsWritten(t.teachers.map((x) => x.lessonId))));
    lines.push(
      `rows the same flows wrote (attendance marks, audit entries): ${targets.map((t, i) => `${t.name} ${written[i]}`).join('; ')}${new Set(written).size === 1 ? ' (the same)' : ' (DIFFERENT: the comparison is not like for like)'}`,
    );
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    lines.unshift(
      `ratios (${o.processes} web process(es) each, ${connections} teachers at once, ${o.rounds} alternating rounds each, same run): ` +
        `throughput ours/floor ${ratio(median(ours.rates), median(fl.rates))} (target >= 0.50), ` +
        `ours/stock grammY ${ratio(median(ours.rates), median(st.rates))} (target >= 3.00); ` +
        `p99 at half our ceiling (${offered.toFixed(0)} updates/s offered) ours/floor ${ratio(p99(ours.paced), p99(fl.paced))} (target <= 5.00), ` +
        `stock grammY/floor ${ratio(p99(st.paced), p99(fl.paced))}` +
        // On a machine busy with other work the throughput is the share of the cores each got; the CPU an update costs is not.
        (ours.cpuPerUpdate.length
          ? `; web CPU per update ours/floor ${ratio(median(ours.cpuPerUpdate), median(fl.cpuPerUpdate))}, stock grammY/ours ${ratio(median(st.cpuPerUpdate), median(ours.cpuPerUpdate))}`
          : ''),
    );
    return lines;
  } finally {
    await floor.stop();
    await stock.stop();
  }
}
