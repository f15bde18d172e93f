import type { ResolvedConfig } from '../../src/config/types';
import { processServerUrl, supervisordServerUrl } from '../../src/process/server-url';
import { processConfig } from '../fakes/process-config';

const base = { supervisord: { serverurl: null } } as unknown as ResolvedConfig;

describe('SUPERVISOR_SERVER_URL', () => {
  test('the first unix server wins over an inet one', () => {
    const config = {
      ...base,
      http_servers: [
        { family: 'inet', host: '127.0.0.1', port: 9001 },
        { family: 'unix', file: '/run/s.sock' },
      ],
    } as unknown as ResolvedConfig;
    expect(supervisordServerUrl(config)).toBe('unix:///run/s.sock');
  });

  test('an inet server on every interface is reached as localhost', () => {
    const config = { ...base, http_servers: [{ family: 'inet', host: '', port: 9001 }] } as unknown as ResolvedConfig;
    expect(supervisordServerUrl(config)).toBe('http://localhost:9001');
  });

  test('no server, no URL; a configured serverurl and a program serverurl win', () => {
    expect(supervisordServerUrl({ ...base, http_servers: [] } as unknown as ResolvedConfig)).toBeNull();
    const configured = { supervisord: { serverurl: 'http://x:1' }, http_servers: [] } as unknown as ResolvedConfig;
    expect(supervisordServerUrl(configured)).toBe('http://x:1');
    expect(processServerUrl(processConfig({ serverurl: 'unix:///p.sock' }), 'http://x:1')).toBe('unix:///p.sock');
    expect(processServerUrl(processConfig({ serverurl: 'AUTO' }), 'http://x:1')).toBe('http://x:1');
  });
});
