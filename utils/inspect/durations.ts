// Timing arithmetic for the timeline: when a message ended, how long an exchange took, and a
// short human form ("84 ms", "1.24 s", "2 min 05 s").
import type { InspectedExchange, TranscriptMessage } from './types';

const time = (iso: string | undefined): number | undefined => {
  if (typeof iso !== 'string') return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

/** Epoch ms when the message's reply had arrived (undefined while it is in flight). */
export function messageEnd({ message }: { message: TranscriptMessage }): number | undefined {
  const start = time(message.startedAt);
  if (start === undefined || typeof message.durationMs !== 'number') return undefined;
  return start + Math.max(0, message.durationMs);
}

export interface ExchangeDurations {
  /** Wall time from the first message to the end of the last (or to updatedAt when none). */
  totalMs?: number;
  /** Time spent waiting on the network (sum of message durations). */
  networkMs: number;
  /** Total minus network: the wallet and the user (approvals). */
  walletMs?: number;
  /** Offset of each message from the first, for the waterfall. */
  offsets: { seq: number; startMs: number; durationMs?: number }[];
}

export function exchangeDurations({ exchange, messages }: {
  exchange?: Pick<InspectedExchange, 'createdAt' | 'updatedAt'>;
  messages: TranscriptMessage[];
}): ExchangeDurations {
  if (!Array.isArray(messages)) throw new TypeError('"messages" must be an array.');
  const starts = messages.map((m) => time(m.startedAt)).filter((t): t is number => t !== undefined);
  const origin = time(exchange?.createdAt) ?? (starts.length ? Math.min(...starts) : undefined);
  const ends = messages.map((message) => messageEnd({ message })).filter((t): t is number => t !== undefined);
  const lastEnd = Math.max(...ends, ...(time(exchange?.updatedAt) !== undefined ? [time(exchange?.updatedAt)!] : []));
  const networkMs = messages.reduce((sum, m) => sum + (typeof m.durationMs === 'number' ? Math.max(0, m.durationMs) : 0), 0);
  const totalMs = origin !== undefined && Number.isFinite(lastEnd) ? Math.max(0, lastEnd - origin) : undefined;
  return {
    ...(totalMs !== undefined ? { totalMs, walletMs: Math.max(0, totalMs - networkMs) } : {}),
    networkMs,
    offsets: messages.map((m) => ({
      seq: m.seq,
      startMs: origin !== undefined && time(m.startedAt) !== undefined ? Math.max(0, time(m.startedAt)! - origin) : 0,
      ...(typeof m.durationMs === 'number' ? { durationMs: m.durationMs } : {}),
    })),
  };
}

/** "0 ms", "84 ms", "1.24 s", "12.3 s", "2 min 05 s", "1 h 02 min"; "—" for unknown. */
export function formatDuration({ ms }: { ms: number | undefined }): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
