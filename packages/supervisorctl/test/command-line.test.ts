import { UsageError, parseCommandLine } from '../src/command-line';
import { isUrl, urlScheme } from '../src/server-url';
import { makeNamespec, splitNamespec } from '../src/namespec';
import { parseCommandLine as parseShellLine } from '../src/controller';
import { currentWord } from '../src/completion';
import { configSearchPath } from '../src/ctl-settings';

describe('options', () => {
  test('short, clustered, attached and long forms; options end at the action', () => {
    expect(parseCommandLine(['-is', 'unix:///x', 'status', '-c', 'y'])).toMatchObject({
      interactive: true,
      serverurl: 'unix:///x',
      args: ['status', '-c', 'y'],
    });
    expect(parseCommandLine(['-sunix:///y', '--user=u', '--password', 'p', '--', '-x'])).toMatchObject({
      serverurl: 'unix:///y',
      username: 'u',
      password: 'p',
      args: ['-x'],
    });
    expect(parseCommandLine(['-r', 'h', '--configuration=c']).historyFile).toBe('h');
  });

  test.each([
    [['-x'], 'option -x not recognized'],
    [['-c'], 'option -c requires argument'],
    [['--serv'], 'option --serverurl requires argument'],
    [['--help=3'], 'option --help must not have an argument'],
    [['--history-file=x'], 'option --history-file not recognized'],
    [['-s', 'notaurl'], "invalid value for -s 'notaurl': value 'notaurl' is not a URL"],
    [['-i', '-i'], "conflicting command line option '-i'"],
    [['--ser=http://a:1', '--serverurl=http://b:2'], "conflicting command line option '--serverurl'"],
  ])('%j fails with %s', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(new UsageError(message));
  });

  test('-h wins as soon as it is seen', () => {
    expect(parseCommandLine(['-h', '-x']).help).toBe(true);
    expect(() => parseCommandLine(['-x', '-h'])).toThrow('option -x not recognized');
  });

  test('a URL needs a scheme and a host or a path', () => {
    expect(isUrl('http://localhost:9001')).toBe(true);
    expect(isUrl('unix:///tmp/s.sock')).toBe(true);
    expect(isUrl('foo:bar')).toBe(true);
    expect(isUrl('notaurl')).toBe(false);
    expect(isUrl('http://')).toBe(false);
    expect(urlScheme('FTP://x')).toBe('ftp');
  });
});

describe('names and command lines', () => {
  test('namespecs', () => {
    expect(splitNamespec('web')).toEqual({ group: 'web', process: 'web' });
    expect(splitNamespec('g:*')).toEqual({ group: 'g', process: null });
    expect(splitNamespec('g:')).toEqual({ group: 'g', process: null });
    expect(splitNamespec('g:p:q')).toEqual({ group: 'g', process: 'p:q' });
    expect(makeNamespec('web', 'web')).toBe('web');
    expect(makeNamespec('g', 'p')).toBe('g:p');
    expect(makeNamespec('g', null)).toBe('g:None');
  });

  test('command words are [A-Za-z0-9_]+, ? is help, the rest is the argument', () => {
    expect(parseShellLine('  status   web  ')).toEqual({ command: 'status', arg: 'web', line: 'status   web' });
    expect(parseShellLine('?status')).toEqual({ command: 'help', arg: 'status', line: 'help status' });
    expect(parseShellLine('-x')).toEqual({ command: '', arg: '-x', line: '-x' });
    expect(parseShellLine('')).toEqual({ command: null, arg: '', line: '' });
  });

  test('completion words keep :, * and -', () => {
    expect(currentWord('status grp:a-b')).toBe('grp:a-b');
    expect(currentWord('status g:*')).toBe('g:*');
    expect(currentWord('tail x/y')).toBe('y');
    expect(currentWord('status ')).toBe('');
  });
});

describe('config file search', () => {
  test('next to the program first, then the working directory, then /etc', () => {
    expect(configSearchPath('/opt/sv/bin/supervisorctl', '/home/u')).toEqual([
      '/opt/sv/etc/supervisord.conf',
      '/opt/sv/supervisord.conf',
      '/home/u/supervisord.conf',
      '/home/u/etc/supervisord.conf',
      '/etc/supervisord.conf',
      '/etc/supervisor/supervisord.conf',
    ]);
  });
});
