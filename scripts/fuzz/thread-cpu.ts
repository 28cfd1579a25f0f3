/**
 * CPU time of one thread, from /proc (Linux). The bound is checked against
 * the analysing thread's CPU time rather than wall time: on an idle machine
 * the two agree, but on a shared one wall time grows with everyone else's
 * work, and a page would be "over its bound" because a compiler ran beside it.
 * Null where /proc is missing; callers then fall back to wall time.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function parseStat(text: string): { tid: number; cpuMs: number } | null {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { tid: Number.parseInt(text, 10), cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
}

/** The calling thread's id and CPU time so far (a synchronous read runs on the calling thread). */
export function ownThreadCpu(): { tid: number; cpuMs: number } | null {
  try {
    return parseStat(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** CPU time so far of thread `tid` of this process. */
export function threadCpuMs(tid: number): number | null {
  try {
    return parseStat(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'))?.cpuMs ?? null;
  } catch {
    return null;
  }
}
