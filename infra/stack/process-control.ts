import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What `up` remembers about one started process (written to `.stack/<service>/pid.json`). */
export interface PidRecord {
  readonly pid: number;
  /** A substring of /proc/<pid>/cmdline that proves the pid was not recycled. */
  readonly marker: string;
  readonly startedAt: string;
  readonly startupMs?: number;
}

/**
 * Starts a long-running process in its own process group, stdout+stderr appended to `logFile`, not tied to us.
 *
 * @example
 * ```ts
 * const pid = spawnDetached('java', ['-jar', 'x.jar'], { cwd: '/tmp', logFile: '/tmp/x.log' });
 * ```
 */
export function spawnDetached(
  command: string,
  args: readonly string[],
  opts: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv },
): number {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`could not spawn ${command}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/**
 * True when the pid exists, is not a zombie, and (if given) its command line contains `marker`.
 *
 * @example
 * ```ts
 * isAlive(process.pid); // true
 * ```
 */
export function isAlive(pid: number, marker?: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    if (!marker) return true;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/** Pids of `pid` and all its descendants (from /proc). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // process vanished while scanning
    }
  }
  const out: number[] = [];
  const todo = [pid];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/**
 * Resident memory (MiB) of a process and all its children, 0 when gone.
 *
 * @example
 * ```ts
 * rssMiB(process.pid) > 0; // true
 * ```
 */
export function rssMiB(pid: number): number {
  let kib = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      // gone
    }
  }
  return Math.round(kib / 1024);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SIGTERM the whole tree (and process group), wait up to `graceMs`, then SIGKILL what is left.
 * Resolves when no process of the tree is alive.
 *
 * @example
 * ```ts
 * await killTree(pid, 15_000);
 * ```
 */
export async function killTree(pid: number, graceMs: number): Promise<void> {
  const tree = processTree(pid);
  const signal = (sig: NodeJS.Signals) => {
    for (const p of tree) {
      try {
        process.kill(p, sig);
      } catch {
        // already gone
      }
    }
    try {
      process.kill(-pid, sig);
    } catch {
      // not a group leader or already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!tree.some((p) => isAlive(p))) return;
    await sleep(200);
  }
  signal('SIGKILL');
  const hard = Date.now() + 10_000;
  while (Date.now() < hard) {
    if (!tree.some((p) => isAlive(p))) return;
    await sleep(100);
  }
  throw new Error(`pids ${tree.filter((p) => isAlive(p)).join(',')} survived SIGKILL`);
}

/** Reads a pid record, undefined when absent or unreadable. */
export function readPidRecord(file: string): PidRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

/** Writes a pid record (creating the folder). */
export function writePidRecord(file: string, rec: PidRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(rec, null, 2) + '\n');
}

/** Removes a pid record if present. */
export function removePidRecord(file: string): void {
  rmSync(file, { force: true });
}
