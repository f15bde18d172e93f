/** runMain's decisions without starting a daemon: help, search path, errors (exit codes as 4.2.5). */
import { runMain, type MainIo } from '../../src/main';
import { defaultConfigHost } from '../../src/config/config-host';

function io(overrides: Partial<ReturnType<typeof defaultConfigHost>> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: MainIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    argv0: '/opt/sv/bin/supervisord',
    host: defaultConfigHost({ env: {}, ...overrides }),
  };
  return { value, out, err };
}

test('-h prints the usage text and exits 0', async () => {
  const t = io();
  expect(await runMain(['-h'], t.value)).toBe(0);
  expect(t.out.join('')).toContain('Usage: /opt/sv/bin/supervisord [options]');
  expect(t.out.join('')).toContain('--check-config');
});

test('without -c and without any config file: the searched paths, the help hint, exit 2 (and the root warning as root)', async () => {
  const t = io({ exists: () => false, getuid: () => 0 });
  expect(await runMain(['--print-config'], t.value)).toBe(2);
  const stderr = t.err.join('');
  expect(stderr).toContain('UserWarning: Supervisord is running as root and it is searching for its configuration file');
  expect(stderr).toContain(
    'Error: No config file found at default paths (/opt/sv/etc/supervisord.conf, /opt/sv/supervisord.conf, supervisord.conf, etc/supervisord.conf, /etc/supervisord.conf, /etc/supervisor/supervisord.conf); use the -c option to specify a config file at a different path\nFor help, use /opt/sv/bin/supervisord -h\n',
  );
  const nonRoot = io({ exists: () => false, getuid: () => 1000 });
  await runMain([], nonRoot.value);
  expect(nonRoot.err.join('')).not.toContain('UserWarning');
});

test('the first default path that exists is used', async () => {
  const text = '[supervisord]\nidentifier=found\n';
  const t = io({ exists: (p) => p === '/etc/supervisor/supervisord.conf', readFile: () => text, getuid: () => 1000, isDirectory: () => true });
  expect(await runMain(['--print-config'], t.value)).toBe(0);
  expect(JSON.parse(t.out.join('')).supervisord.identifier).toBe('found');
});

test('command-line errors print Error: and the hint, exit 2', async () => {
  const t = io();
  expect(await runMain(['-e', 'loud'], t.value)).toBe(2);
  expect(t.err.join('')).toBe("Error: invalid value for -e 'loud': bad logging level name 'loud'\nFor help, use /opt/sv/bin/supervisord -h\n");
});
