/** supervisorctl's reading of [supervisorctl] / [ctlplugin:x] from a real file (ClientOptions rules). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSupervisorctlConfigFile, SupervisorctlConfigError } from '../../src/config-file';

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ctl-conf-')));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

test('defaults when the section is empty', () => {
  const file = write('s.conf', '[supervisorctl]\n');
  expect(readSupervisorctlConfigFile(file, { env: {} })).toEqual({
    serverurl: 'http://localhost:9001',
    username: null,
    password: null,
    prompt: 'supervisor',
    history_file: null,
    ctlplugins: [],
  });
});

test('%(here)s, %(ENV_X)s, unix:// normalisation and ~ in history_file', () => {
  const file = write(
    's.conf',
    '[supervisorctl]\nserverurl=unix://%(here)s/run/../s.sock ; c\nusername=%(ENV_WHO)s\npassword=p;w\nprompt=mine\nhistory_file=~/.sc_history\n',
  );
  expect(readSupervisorctlConfigFile(file, { env: { WHO: 'bob', HOME: '/home/bob' } })).toEqual({
    serverurl: `unix://${dir}/s.sock`,
    username: 'bob',
    password: 'p;w',
    prompt: 'mine',
    history_file: '/home/bob/.sc_history',
    ctlplugins: [],
  });
});

test('[include] is not followed and a missing section is an error', () => {
  fs.writeFileSync(path.join(dir, 'inc.conf'), '[supervisorctl]\nprompt=x\n');
  const file = write('s.conf', '[supervisord]\n[include]\nfiles=inc.conf\n');
  expect(() => readSupervisorctlConfigFile(file, { env: {} })).toThrow('.ini file does not include supervisorctl section');
});

test('ctlplugins: known factories load with their extras, unknown ones are refused', () => {
  const file = write('s.conf', '[supervisorctl]\n[ctlplugin:x]\nsupervisor.ctl_factory = acme.ctl:make\ncolor = red\n');
  expect(() => readSupervisorctlConfigFile(file, { env: {} })).toThrow(/acme.ctl:make cannot be resolved within \[ctlplugin:x\]/);
  const conf = readSupervisorctlConfigFile(file, { env: {}, resolvableSpecs: new Set(['acme.ctl:make']) });
  expect(conf.ctlplugins).toEqual([{ name: 'x', factory: 'acme.ctl:make', extras: { color: 'red' } }]);
});

test('errors name the file, line, section and key', () => {
  const file = write('s.conf', '[supervisorctl]\n\nserverurl=%(ENV_NOPE)s\n');
  let err: SupervisorctlConfigError | undefined;
  try {
    readSupervisorctlConfigFile(file, { env: {} });
  } catch (e) {
    err = e as SupervisorctlConfigError;
  }
  expect(err).toBeInstanceOf(SupervisorctlConfigError);
  expect(err?.line).toBe(3);
  expect(err?.key).toBe('serverurl');
  expect(err?.message).toContain(`${file} line 3, [supervisorctl] serverurl:`);
  expect(() => readSupervisorctlConfigFile(path.join(dir, 'none.conf'))).toThrow('could not find config file');
  const bad = write('b.conf', '[supervisorctl]\nnot a key\n');
  expect(() => readSupervisorctlConfigFile(bad, { env: {} })).toThrow(/Source contains parsing errors/);
});
