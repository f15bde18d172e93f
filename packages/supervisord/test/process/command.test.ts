import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveCommand } from '../../src/process/command';
import { processConfig } from '../fakes/process-config';

describe('resolveCommand', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'command-test-'));
    fs.writeFileSync(path.join(dir, 'prog'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'plain'), 'data', { mode: 0o644 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const resolve = (argv: string[] | null, extra: Parameters<typeof processConfig>[0] = {}, inheritedPath = '/usr/bin:/bin') =>
    resolveCommand(processConfig({ command: argv?.join(' ') ?? '', command_argv: argv, ...extra }), inheritedPath);

  test('a name is searched on the program PATH first, argv[0] stays as written', () => {
    const result = resolve(['prog', '-x'], { environment: { PATH: `/nonexistent:${dir}` } });
    expect(result).toEqual({ ok: true, command: { file: path.join(dir, 'prog'), argv0: 'prog', args: ['-x'] } });
  });

  test("supervisord's PATH is used when the program sets none", () => {
    expect(resolve(['prog'], {}, dir)).toMatchObject({ ok: true, command: { file: path.join(dir, 'prog') } });
  });

  test('spawn-error texts of 4.2.5', () => {
    expect(resolve(['/nonexistent/prog'])).toEqual({
      ok: false,
      problem: { fault: 'NO_FILE', message: "can't find command '/nonexistent/prog'" },
    });
    expect(resolve(['no_such_prog_xyz'])).toEqual({
      ok: false,
      problem: { fault: 'NO_FILE', message: "can't find command 'no_such_prog_xyz'" },
    });
    expect(resolve([dir])).toEqual({
      ok: false,
      problem: { fault: 'NOT_EXECUTABLE', message: `command at '${dir}' is a directory` },
    });
    expect(resolve([path.join(dir, 'plain')])).toEqual({
      ok: false,
      problem: { fault: 'NOT_EXECUTABLE', message: `command at '${path.join(dir, 'plain')}' is not executable` },
    });
    expect(resolve([])).toEqual({ ok: false, problem: { fault: 'NOT_EXECUTABLE', message: 'command is empty' } });
    expect(
      resolveCommand(
        processConfig({ command: "/bin/sh -c 'echo a", command_argv: null, command_argv_error: 'No closing quotation' }),
        undefined,
      ),
    ).toEqual({
      ok: false,
      problem: { fault: 'NOT_EXECUTABLE', message: `can't parse command "/bin/sh -c 'echo a": No closing quotation` },
    });
  });

  test('the first existing PATH entry wins even when it is not executable', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'command-test-'));
    try {
      fs.writeFileSync(path.join(other, 'prog'), 'data', { mode: 0o644 });
      expect(resolve(['prog'], { environment: { PATH: `${other}:${dir}` } })).toEqual({
        ok: false,
        problem: { fault: 'NOT_EXECUTABLE', message: `command at '${path.join(other, 'prog')}' is not executable` },
      });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
