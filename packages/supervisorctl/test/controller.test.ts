import { RpcFault } from '@supervisor-ts/protocol';
import { complete } from '../src/completion';
import { genericErrorLine } from '../src/failures';
import { FakeServer, info, makeController } from './fake-server';

const up = { 'supervisor.getVersion': () => '3.0' };

function refused(code: string): Error {
  return Object.assign(new Error(`${code} connecting`), { code });
}

function unauthorized(): Error {
  return Object.assign(new Error('HTTP 401 Unauthorized'), { status: 401 });
}

describe('the up-check', () => {
  test.each([
    [{ 'supervisor.getVersion': () => '2.0' }, 'version', 'Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote version is 2.0.\n', 5],
    [{}, 'version', 'Sorry, supervisord responded but did not recognize the supervisor namespace commands that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is enabled in the configuration file (see sample.conf).\n', 3],
    [{}, 'status', 'Sorry, supervisord responded but did not recognize the supervisor namespace commands that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is enabled in the configuration file (see sample.conf).\n', 4],
    [{ 'supervisor.getVersion': () => { throw refused('ECONNREFUSED'); } }, 'stop all', 'unix:///tmp/x.sock refused connection\n', 4],
    [{ 'supervisor.getVersion': () => { throw refused('ENOENT'); } }, 'stop all', 'unix:///tmp/x.sock no such file\n', 7],
    [{ 'supervisor.getVersion': () => { throw refused('ENOENT'); } }, 'status', 'unix:///tmp/x.sock no such file\n', 4],
  ])('%#: %s prints one line and sets the status', async (handlers, line, output, status) => {
    const { ctl, io } = makeController(new FakeServer(handlers));
    await ctl.onecmd(line);
    expect(io.stdout).toBe(output);
    expect(ctl.exitStatus).toBe(status);
  });
});

describe('commands with a scripted server', () => {
  test('the last writer sets the exit status (pid)', async () => {
    const server = new FakeServer({
      ...up,
      'supervisor.getProcessInfo': (name) => {
        if (name === 'nope') throw new RpcFault(10, 'nope');
        return info(String(name), String(name), name === 'manual' ? 'RUNNING' : 'EXITED', { pid: name === 'manual' ? 8702 : 0 });
      },
    });
    const { ctl, io } = makeController(server);
    await ctl.onecmd('pid manual exitok nope');
    expect(io.stdout).toBe('8702\n0\nNo such process nope\n');
    expect(ctl.exitStatus).toBe(1);
  });

  test('start: per-fault lines and statuses, unknown result codes become a generic error line', async () => {
    const server = new FakeServer({
      ...up,
      'supervisor.startProcess': (name) => {
        const faults: Record<string, number> = { nofile: 20, quick: 50, web: 60 };
        if (faults[String(name)] !== undefined) throw new RpcFault(faults[String(name)], String(name));
        return true;
      },
      'supervisor.startProcessGroup': (group) => {
        if (group === 'odd') return [{ name: 'x', group: 'odd', status: 99, description: 'weird' }];
        throw new RpcFault(10, String(group));
      },
    });
    const { ctl, io } = makeController(server);
    await ctl.onecmd('start web nofile quick cron');
    expect(io.stdout).toBe('web: ERROR (already started)\nnofile: ERROR (no such file)\nquick: ERROR (spawn error)\ncron: started\n');
    expect(ctl.exitStatus).toBe(7);
    io.stdout = '';
    await ctl.onecmd('start nope:*');
    expect(io.stdout).toBe('nope: ERROR (no such group)\n');
    expect(ctl.exitStatus).toBe(2);
    io.stdout = '';
    await ctl.onecmd('start odd:*');
    expect(io.stdout).toBe("error: <class 'ValueError'>, Unknown result code 99 for odd:x: file: supervisorctl line: 0\n");
    expect(ctl.exitStatus).toBe(1);
  });

  test('stop: FAILED prints the fault string alone', async () => {
    const server = new FakeServer({
      ...up,
      'supervisor.stopProcess': () => {
        throw new RpcFault(30, "attempted to kill x with sig SIGTERM but it wasn't running");
      },
    });
    const { ctl, io } = makeController(server);
    await ctl.onecmd('stop x');
    expect(io.stdout).toBe("FAILED: attempted to kill x with sig SIGTERM but it wasn't running\n");
    expect(ctl.exitStatus).toBe(1);
  });

  test('update: removed, then changed, then added; unknown names first', async () => {
    const server = new FakeServer({
      'supervisor.reloadConfig': () => [[['newprog'], ['sleeper'], ['exitok']]],
      'supervisor.getAllProcessInfo': () => [info('sleeper', 'sleeper', 'RUNNING'), info('exitok', 'exitok', 'EXITED')],
      'supervisor.stopProcessGroup': () => [],
      'supervisor.removeProcessGroup': () => true,
      'supervisor.addProcessGroup': () => true,
    });
    const { ctl, io } = makeController(server);
    await ctl.onecmd('update nope sleeper exitok newprog');
    expect(io.stdout).toBe(
      'ERROR: no such group: nope\nexitok: stopped\nexitok: removed process group\nsleeper: stopped\nsleeper: updated process group\nnewprog: added process group\n',
    );
    expect(ctl.exitStatus).toBe(1);
  });

  test('an unhandled fault becomes the generic error line', async () => {
    const server = new FakeServer({ 'supervisor.getVersion': () => { throw new RpcFault(6, null); } });
    const { ctl, io } = makeController(server);
    await ctl.onecmd('status');
    expect(io.stdout).toBe("error: <class 'xmlrpc.client.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>: file: supervisorctl line: 0\n");
    expect(ctl.exitStatus).toBe(1);
  });

  test('a 401 without the shell: the message, one more try, then the generic line', async () => {
    const server = new FakeServer({ 'supervisor.getVersion': () => { throw unauthorized(); } });
    const { ctl, io } = makeController(server);
    await ctl.onecmd('version');
    expect(io.stdout).toBe(
      "Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>: file: supervisorctl line: 0\n",
    );
    expect(server.calls).toEqual(['supervisor.getVersion', 'supervisor.getVersion']);
    expect(ctl.exitStatus).toBe(1);
  });

  test('a 401 in the shell asks for credentials and runs the command again with them', async () => {
    const server = new FakeServer({
      ...up,
      'supervisor.getSupervisorVersion': () => {
        if (ctl.options.username !== 'user' || ctl.options.password !== 'pw') throw unauthorized();
        return '4.2.5';
      },
    });
    const { ctl, io } = makeController(server, { interactive: true }, ['user', 'pw']);
    await ctl.onecmd('version');
    expect(io.stdout).toBe('Server requires authentication\nUsername:Password:\n4.2.5\n');
  });

  test('shutdown in the shell asks first; only y/Y proceeds', async () => {
    const server = new FakeServer({ 'supervisor.shutdown': () => true });
    const { ctl, io } = makeController(server, { interactive: true }, ['no', 'Yes']);
    await ctl.onecmd('shutdown');
    await ctl.onecmd('shutdown');
    expect(io.stdout).toBe('Really shut the remote supervisord process down y/N? Really shut the remote supervisord process down y/N? Shut down\n');
    expect(server.calls).toEqual(['supervisor.shutdown']);
  });

  test('unknown syntax, help topics, quit', async () => {
    const { ctl, io } = makeController(new FakeServer({}));
    expect(await ctl.onecmd('bogus thing')).toBe(false);
    expect(ctl.exitStatus).toBe(1);
    await ctl.onecmd('help nope');
    await ctl.onecmd('help quit');
    expect(await ctl.onecmd('quit')).toBe(true);
    expect(io.stdout).toBe('*** Unknown syntax: bogus thing\n*** No help on nope\nquit\tExit the supervisor shell.\n\n');
  });

  test('generic lines for connection errors spell the Python exception', () => {
    expect(genericErrorLine(refused('ECONNREFUSED'))).toBe(
      "error: <class 'ConnectionRefusedError'>, [Errno 111] Connection refused: file: supervisorctl line: 0",
    );
    expect(genericErrorLine(new RpcFault(92, "can't read"))).toBe(
      'error: <class \'xmlrpc.client.Fault\'>, <Fault 92: "CANT_REREAD: can\'t read">: file: supervisorctl line: 0',
    );
  });
});

describe('completion', () => {
  const server = new FakeServer({
    'supervisor.getAllProcessInfo': () => [info('grp', 'ga', 'RUNNING'), info('grp', 'gb_00', 'RUNNING'), info('web', 'web', 'RUNNING')],
  });

  test('commands at the start of a line and after help', async () => {
    const { ctl } = makeController(server);
    expect(await complete(ctl, 'sta')).toEqual([['start ', 'status '], 'sta']);
    expect((await complete(ctl, ''))[0]).toHaveLength(22);
    expect(await complete(ctl, 'help ver')).toEqual([['version '], 'ver']);
  });

  test('process names, group:* forms, group names; fetched once per command line', async () => {
    const { ctl } = makeController(server);
    server.calls.length = 0;
    expect(await complete(ctl, 'status ')).toEqual([['grp:* ', 'grp:ga ', 'grp:gb_00 ', 'web '], '']);
    expect(await complete(ctl, 'stop we')).toEqual([['web '], 'we']);
    expect(await complete(ctl, 'stop web:')).toEqual([['web:* ', 'web:web '], 'web:']);
    expect(await complete(ctl, 'update g')).toEqual([['grp '], 'g']);
    expect(await complete(ctl, 'version x')).toEqual([[], 'x']);
    expect(server.calls).toEqual(['supervisor.getAllProcessInfo']);
  });
});
