/**
 * CPU seconds of the browser's processes and threads, read from /proc: on a shared 2-core machine
 * the wall time of a browser benchmark mostly measures the other processes, the CPU the app.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface ThreadCpu {
  readonly key: string;
  readonly name: string;
  readonly seconds: number;
}

/** CPU seconds of every thread of the processes descending from this one, named process type:thread. */
export function threadCpu(): ThreadCpu[] {
  const parent = new Map<number, number>();
  const type = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      type.set(Number(entry), /--type=([\w-]+)/.exec(readFileSync(`/proc/${entry}/cmdline`, 'utf8'))?.[1] ?? 'browser');
    } catch {
      // The process ended meanwhile.
    }
  }
  const threads: ThreadCpu[] = [];
  for (const pid of parent.keys()) {
    let ancestor: number | undefined = pid;
    while (ancestor && ancestor !== process.pid && ancestor !== 1) ancestor = parent.get(ancestor);
    if (ancestor !== process.pid || pid === process.pid) continue;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        threads.push({ key: `${pid}/${tid}`, name: `${type.get(pid)}:${comm}`, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return threads;
}

/**
 * Waits until the browser's own start-up work is over: CPU use of its processes below 10 % of a
 * core for half a second (at most `limitMs`). Chromium 156 spends ~2 s of CPU on both cores after
 * launch (its omnibox-popup WebUI in a renderer of its own); a page timed from navigation in a
 * browser started a moment before would be charged for it. A bureau's browser is already open.
 */
export async function waitForQuietBrowser(limitMs = 15_000): Promise<void> {
  const total = () => threadCpu().reduce((sum, thread) => sum + thread.seconds, 0);
  const deadline = Date.now() + limitMs;
  let previous = total();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = total();
    if (now - previous < 0.05) return;
    previous = now;
  }
}
