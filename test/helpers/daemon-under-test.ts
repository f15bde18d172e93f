/**
 * The supervisord implementations the supervisorctl end-to-end suites run against. Each suite runs
 * once per entry: by default both the real 4.2.5 daemon and ours; SUPERVISORCTL_E2E_DAEMONS
 * (`real`, `ours` or `real,ours`) narrows the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XmlRpcClient } from '../../packages/supervisorctl/src/rpc/client';
import { startOurSupervisord } from './our-supervisord';
import { startRealSupervisord, type RealSupervisord, type RealSupervisordOptions } from './real-supervisord';
import { freePort } from './free-port';

export interface DaemonUnderTest {
  name: string;
  start(options: RealSupervisordOptions): Promise<RealSupervisord>;
}


/** Our daemon on the same config layout as the real one gets, answering the same handle. */
export async function startOurs(options: RealSupervisordOptions): Promise<RealSupervisord> {
  const port = options.inet ? await freePort() : null;
  const auth = options.auth ? `username=${options.auth.username}\npassword=${options.auth.password}\n` : '';
  const conf =
    `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\nchildlogdir={{dir}}\n` +
    `nodaemon=true\nloglevel=info\n${options.supervisordExtra ?? ''}\n` +
    `[unix_http_server]\nfile={{dir}}/supervisor.sock\n${auth}\n` +
    (port !== null ? `[inet_http_server]\nport=127.0.0.1:${port}\n${auth}\n` : '') +
    `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n` +
    `[supervisorctl]\nserverurl=unix://{{dir}}/supervisor.sock\n\n${options.programs}\n`;
  const daemon = await startOurSupervisord({ conf });
  const socketPath = path.join(daemon.dir, 'supervisor.sock');
  const client = new XmlRpcClient(`unix://${socketPath}`, options.auth ?? {});
  const deadline = Date.now() + (options.startTimeoutMs ?? 15000);
  try {
    for (;;) {
      const state = await client.call('supervisor.getState').catch(() => null);
      if (state !== null && (state as { statename?: unknown }).statename === 'RUNNING') break;
      if (Date.now() > deadline) throw new Error(`our supervisord did not answer: ${daemon.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await daemon.stop();
    throw error;
  } finally {
    client.close();
  }
  return {
    dir: daemon.dir,
    serverUrl: `unix://${socketPath}`,
    unixUrl: `unix://${socketPath}`,
    inetUrl: port !== null ? `http://127.0.0.1:${port}` : null,
    socketPath,
    configPath: daemon.configPath,
    logPath: path.join(daemon.dir, 'supervisord.log'),
    pid: daemon.pid,
    stop: async () => {
      await daemon.stop();
      fs.rmSync(daemon.dir, { recursive: true, force: true });
    },
  };
}

const ALL: readonly DaemonUnderTest[] = [
  { name: 'real supervisord 4.2.5', start: startRealSupervisord },
  { name: 'our supervisord', start: startOurs },
];

const wanted = (process.env.SUPERVISORCTL_E2E_DAEMONS ?? 'real,ours').split(',').map((word) => word.trim());

export const DAEMONS_UNDER_TEST: readonly DaemonUnderTest[] = ALL.filter(
  (daemon) => (daemon.name.startsWith('real') && wanted.includes('real')) || (daemon.name.startsWith('our') && wanted.includes('ours')),
);

if (DAEMONS_UNDER_TEST.length === 0) throw new Error(`SUPERVISORCTL_E2E_DAEMONS names no daemon: ${wanted.join(',')}`);
