/**
 * Conformance of the config loader with Supervisor 4.2.5 over the 80 files of the shared corpus:
 * accept/reject and every resolved value (plus warnings and infos), for both the supervisord
 * and the supervisorctl view. Error texts are ours and are not compared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSupervisorctlSection } from '@supervisor-ts/protocol';
import { ConfigError } from '../../src/config/config-error';
import { checkConfig, loadConfig } from '../../src/config/load';
import { configToJson, sortKeys } from '../../src/config/print-config';
import { CORPUS_DIR, corpusCase, corpusFiles, CWD, normaliseSandboxPaths } from './corpus-sandbox';

interface Expected {
  env: Record<string, string>;
  error?: string;
  warnings: string[];
  infos: string[];
  supervisord?: unknown;
  http_servers?: unknown;
  rpcinterfaces?: unknown;
  groups?: unknown;
  supervisorctl: Record<string, unknown>;
}

const files = corpusFiles();

test('the corpus has its 80 files', () => {
  expect(files).toHaveLength(80);
});

describe.each(files)('%s', (rel) => {
  const c0 = corpusCase(rel, {});
  const expected = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'expected', c0.expectedName), 'utf8')) as Expected;
  const c = corpusCase(rel, expected.env);

  test('supervisord view', () => {
    if (expected.error !== undefined) {
      let thrown: unknown;
      try {
        loadConfig(c.configPath, { host: c.host });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).message.length).toBeGreaterThan(0);
      return;
    }
    const config = loadConfig(c.configPath, { host: c.host });
    const actual = normaliseSandboxPaths(sortKeys(configToJson(config) as never));
    const want = sortKeys({
      supervisord: expected.supervisord,
      http_servers: expected.http_servers,
      rpcinterfaces: expected.rpcinterfaces,
      groups: expected.groups,
      warnings: expected.warnings,
      infos: expected.infos,
    } as never);
    expect(actual).toEqual(want);
  });

  test('--check-config agrees on accept/reject', () => {
    const result = checkConfig(c.configPath, { host: c.host });
    if (expected.error !== undefined) {
      expect(result.config).toBeNull();
      expect(result.errors.length).toBeGreaterThan(0);
    } else {
      expect(result.errors).toEqual([]);
      expect(result.config).not.toBeNull();
    }
  });

  test('supervisorctl view', () => {
    const input = {
      file: c.configPath,
      text: c.host.readFile(c.configPath),
      env: expected.env,
      cwd: CWD,
      home: c.home,
      resolvableSpecs: new Set<string>(),
    };
    if (expected.supervisorctl.error !== undefined) {
      expect(() => parseSupervisorctlSection(input)).toThrow();
      return;
    }
    expect(normaliseSandboxPaths(parseSupervisorctlSection(input))).toEqual(expected.supervisorctl);
  });
});
