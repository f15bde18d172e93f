/** Signal arguments of the RPC methods: numbers, digit strings and names (`hup`, `SIGHUP`, ` cont `). */

/** Linux signal numbers by the names Python's signal module knows. */
const SIGNALS_BY_NAME: Readonly<Record<string, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21,
  SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28,
  SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31, SIGRTMIN: 34, SIGRTMAX: 64,
  // Handler and mask constants that share the SIG prefix and are accepted the same way.
  SIG_DFL: 0, SIG_IGN: 1, SIG_BLOCK: 0, SIG_UNBLOCK: 1, SIG_SETMASK: 2,
};

const VALID_NUMBERS = new Set<number>([...Object.values(SIGNALS_BY_NAME), ...Array.from({ length: 32 }, (_, i) => i)]);

/** The signal number for an RPC argument, or null when it names no valid signal. */
export function parseSignalArgument(value: unknown): number | null {
  let number: number | undefined;
  if (typeof value === 'number') {
    number = Number.isInteger(value) ? value : undefined;
  } else if (typeof value === 'string') {
    if (/^\s*[+-]?\d+\s*$/.test(value)) {
      number = Number(value.trim());
    } else {
      let name = value.trim().toUpperCase();
      if (!name.startsWith('SIG')) name = `SIG${name}`;
      number = Object.prototype.hasOwnProperty.call(SIGNALS_BY_NAME, name) ? SIGNALS_BY_NAME[name] : undefined;
    }
  } else if (typeof value === 'boolean') {
    number = value ? 1 : 0;
  }
  return number !== undefined && VALID_NUMBERS.has(number) ? number : null;
}
