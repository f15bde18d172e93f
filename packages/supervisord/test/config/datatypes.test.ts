/** The value converters, with Supervisor 4.2.5's acceptance rules and messages (config.md §5). */
import { ConversionError } from '../../src/config/conversion-error';
import * as dt from '../../src/config/datatypes';

const db = {
  getpwnam: (n: string) => (n === 'www-data' ? { name: n, uid: 33, gid: 33, home: '/var/www' } : undefined),
  getpwuid: (u: number) => (u === 33 ? { name: 'www-data', uid: 33, gid: 33, home: '/var/www' } : undefined),
  getgrnam: (n: string) => (n === 'nogroup' ? { name: n, gid: 65534 } : undefined),
  getgrgid: (g: number) => (g === 65534 ? { name: 'nogroup', gid: 65534 } : undefined),
};

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConversionError);
    return (e as ConversionError).message;
  }
  throw new Error('no error thrown');
}

test('integer follows Python int()', () => {
  expect(dt.integer(' 12 ')).toBe(12);
  expect(dt.integer('-3')).toBe(-3);
  expect(dt.integer('+1_000')).toBe(1000);
  expect(message(() => dt.integer('10s'))).toBe("invalid literal for int() with base 10: '10s'");
  expect(message(() => dt.integer('1.5'))).toBe("invalid literal for int() with base 10: '1.5'");
  expect(message(() => dt.integer(''))).toBe("invalid literal for int() with base 10: ''");
});

test('boolean words', () => {
  for (const t of ['true', 'YES', 'on', '1']) expect(dt.boolean(t)).toBe(true);
  for (const f of ['false', 'No', 'OFF', '0']) expect(dt.boolean(f)).toBe(false);
  expect(message(() => dt.boolean('maybe'))).toBe("not a valid boolean value: 'maybe'");
  expect(() => dt.boolean('')).toThrow(ConversionError);
  expect(() => dt.boolean('t')).toThrow(ConversionError);
});

test('octal', () => {
  expect(dt.octal('022')).toBe(18);
  expect(dt.octal('22')).toBe(18);
  expect(dt.octal('0o700')).toBe(448);
  expect(message(() => dt.octal('089'))).toBe('089 can not be converted to an octal type');
  expect(() => dt.octal('999')).toThrow(ConversionError);
});

test('byte sizes', () => {
  expect(dt.byteSize('1024')).toBe(1024);
  expect(dt.byteSize('10KB')).toBe(10240);
  expect(dt.byteSize('50mb')).toBe(50 * 1024 * 1024);
  expect(dt.byteSize('1GB')).toBe(1024 ** 3);
  expect(dt.byteSize('1 MB')).toBe(1024 * 1024);
  expect(dt.byteSize('-1KB')).toBe(-1024);
  expect(message(() => dt.byteSize('10xb'))).toBe("invalid literal for int() with base 10: '10xb'");
  expect(message(() => dt.byteSize('1.5MB'))).toBe("invalid literal for int() with base 10: '1.5'");
  expect(() => dt.byteSize('1k')).toThrow(ConversionError);
});

test('signals by name, alias or number; names as upstream prints them', () => {
  expect(dt.signalNumber('TERM')).toBe(15);
  expect(dt.signalNumber('sigterm')).toBe(15);
  expect(dt.signalNumber(' hup ')).toBe(1);
  expect(dt.signalNumber('15')).toBe(15);
  expect(dt.signalNumber('IOT')).toBe(6);
  expect(dt.signalNumber('CLD')).toBe(17);
  expect(dt.signalNumber('RTMIN')).toBe(34);
  expect(dt.signalNumber('0')).toBe(0);
  expect(message(() => dt.signalNumber('GRACEFUL'))).toBe("value 'GRACEFUL' is not a valid signal name");
  expect(message(() => dt.signalNumber('99'))).toBe("value '99' is not a valid signal number");
  expect(() => dt.signalNumber('40')).toThrow(ConversionError);
  expect(dt.signame(15)).toBe('SIGTERM');
  expect(dt.signame(29)).toBe('SIGPOLL');
  expect(dt.signame(6)).toBe('SIGABRT');
  expect(dt.signame(0)).toBe('signal 0');
});

test('exit codes', () => {
  expect(dt.listOfExitcodes('0,2')).toEqual([0, 2]);
  expect(dt.listOfExitcodes(' 0 , 1 ')).toEqual([0, 1]);
  expect(dt.listOfExitcodes('')).toEqual([]);
  expect(message(() => dt.listOfExitcodes('0,2,256'))).toBe("not a valid list of exit codes: '0,2,256'");
  for (const bad of ['0,,2', '-1', 'a']) expect(() => dt.listOfExitcodes(bad)).toThrow(ConversionError);
});

test('autorestart', () => {
  expect(dt.autoRestart('unexpected')).toBe('unexpected');
  expect(dt.autoRestart('TRUE')).toBe('true');
  expect(dt.autoRestart('off')).toBe('false');
  expect(message(() => dt.autoRestart('sometimes'))).toBe("invalid 'autorestart' value 'sometimes'");
});

test('log levels', () => {
  expect(dt.loggingLevel('info')).toEqual({ name: 'INFO', number: 20 });
  expect(dt.loggingLevel('BLATHER')).toEqual({ name: 'BLAT', number: 3 });
  expect(dt.loggingLevel('warn')).toEqual({ name: 'WARN', number: 30 });
  expect(message(() => dt.loggingLevel('loud'))).toBe("bad logging level name 'loud'");
  expect(() => dt.loggingLevel('__doc__')).toThrow(ConversionError);
});

test('inet addresses', () => {
  expect(dt.inetAddress('127.0.0.1:9001')).toEqual({ host: '127.0.0.1', port: 9001 });
  expect(dt.inetAddress(':9001')).toEqual({ host: '', port: 9001 });
  expect(dt.inetAddress('*:9001')).toEqual({ host: '', port: 9001 });
  expect(dt.inetAddress('9001')).toEqual({ host: '', port: 9001 });
  expect(dt.inetAddress('LocalHost:1')).toEqual({ host: 'localhost', port: 1 });
  expect(message(() => dt.inetAddress('abc'))).toBe("not a valid port number: 'abc' ");
  expect(message(() => dt.inetAddress('h:99999'))).toBe('99999 is above upper bound (65535)');
  expect(message(() => dt.inetAddress('h:'))).toBe("no port number specified in ''");
});

test('names', () => {
  expect(dt.processOrGroupName(' web ')).toBe('web');
  expect(message(() => dt.processOrGroupName('a:b'))).toBe("Invalid name: 'a:b' because of character: ':'");
  expect(() => dt.processOrGroupName('a b')).toThrow(ConversionError);
  expect(() => dt.processOrGroupName('a/b')).toThrow(ConversionError);
});

test('users and groups', () => {
  expect(dt.nameToUid('www-data', db)).toBe(33);
  expect(dt.nameToUid('33', db)).toBe(33);
  expect(message(() => dt.nameToUid('nosuchuser', db))).toBe('Invalid user name nosuchuser');
  expect(message(() => dt.nameToUid('12345', db))).toBe('Invalid user id 12345');
  expect(dt.colonSeparatedUserGroup('www-data:nogroup', db)).toEqual([33, 65534]);
  expect(dt.colonSeparatedUserGroup('www-data', db)).toEqual([33, -1]);
  expect(message(() => dt.colonSeparatedUserGroup('www-data:nosuch', db))).toBe(
    'Invalid user:group definition www-data:nosuch',
  );
});

test('environment= pairs', () => {
  expect(dt.dictOfKeyValuePairs('A="x,y",B=z')).toEqual({ A: 'x,y', B: 'z' });
  expect(dt.dictOfKeyValuePairs('')).toEqual({});
  expect(message(() => dt.dictOfKeyValuePairs('A=1,B'))).toBe("Unexpected end of key/value pairs in value 'A=1,B'");
  expect(message(() => dt.dictOfKeyValuePairs('A="x'))).toBe('No closing quotation');
});

test('directories and file paths', () => {
  const isDir = (d: string) => !d.startsWith('/nonexistent');
  expect(dt.existingDirectory('/tmp', '/tmp', isDir)).toBe('/tmp');
  expect(message(() => dt.existingDirectory('/nonexistent', '/nonexistent', isDir))).toBe(
    '/nonexistent is not an existing directory',
  );
  expect(dt.existingDirpath('x.log', 'x.log', isDir)).toBe('x.log');
  expect(message(() => dt.existingDirpath('/nonexistent/x.log', '/nonexistent/x.log', isDir))).toBe(
    'The directory named as part of the path /nonexistent/x.log does not exist',
  );
});
