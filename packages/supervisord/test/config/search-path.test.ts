/** Where supervisord looks for its config without -c (config.md §1). */
import { configSearchPaths, findConfigFile, noConfigFileMessage } from '../../src/config/search-path';

test('the six paths in upstream order, relative to the executable first', () => {
  expect(configSearchPaths('/usr/bin/supervisord')).toEqual([
    '/usr/etc/supervisord.conf',
    '/usr/supervisord.conf',
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ]);
});

test('the first existing one wins; none gives the upstream message', () => {
  const existing = new Set(['etc/supervisord.conf', '/etc/supervisor/supervisord.conf']);
  expect(findConfigFile('/usr/bin/supervisord', (p) => existing.has(p))).toBe('etc/supervisord.conf');
  expect(findConfigFile('/usr/bin/supervisord', () => false)).toBeNull();
  expect(noConfigFileMessage('/usr/bin/supervisord')).toBe(
    'No config file found at default paths (/usr/etc/supervisord.conf, /usr/supervisord.conf, supervisord.conf, etc/supervisord.conf, /etc/supervisord.conf, /etc/supervisor/supervisord.conf); use the -c option to specify a config file at a different path',
  );
});
