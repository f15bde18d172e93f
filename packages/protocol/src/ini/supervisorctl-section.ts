/**
 * What supervisorctl takes from a config file: the `[supervisorctl]` section and the
 * `[ctlplugin:x]` sections, read as Supervisor 4.2.5's ClientOptions does (no `[include]`
 * processing; `%(here)s` in serverurl and history_file; `%(ENV_X)s` everywhere).
 * Pure: the caller supplies the file text and the environment.
 */
import { IniParseError, IniStore } from './ini-store';
import { pythonRepr } from '../python-repr';
import { pythonFormat, PythonFormatError, type FormatValue } from './python-format';
import { pyAbspath, pyDirname, pyExpanduser, type HomeLookup } from './python-path';

export interface CtlPluginConfig {
  name: string;
  factory: string;
  extras: Record<string, string>;
}

export interface SupervisorctlFileConfig {
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  history_file: string | null;
  ctlplugins: CtlPluginConfig[];
}

export class SupervisorctlConfigError extends Error {
  constructor(
    readonly detail: string,
    readonly file: string,
    readonly line: number | null = null,
    readonly section: string | null = null,
    readonly key: string | null = null,
  ) {
    super(
      `${line ? `${file} line ${line}` : file}${section ? `, [${section}]${key ? ` ${key}` : ''}` : ''}: ${detail}`,
    );
    this.name = 'SupervisorctlConfigError';
  }
}

export interface SupervisorctlSectionInput {
  /** The config file path as given (used for `%(here)s` and messages). */
  file: string;
  text: string;
  env: Readonly<Record<string, string>>;
  cwd: string;
  home: HomeLookup;
  /** `module:attribute` specs of `[ctlplugin:x]` factories that can be loaded. */
  resolvableSpecs: ReadonlySet<string>;
}

export const CTL_FACTORY_KEY = 'supervisor.ctl_factory';

export function parseSupervisorctlSection(input: SupervisorctlSectionInput): SupervisorctlFileConfig {
  const normalize = (p: string): string => pyAbspath(pyExpanduser(p, input.home), input.cwd);
  const here = pyDirname(normalize(input.file));
  const store = new IniStore();
  try {
    store.read(input.text, input.file);
  } catch (e) {
    if (e instanceof IniParseError) throw new SupervisorctlConfigError(e.message, input.file, e.badLines[0]?.line ?? null);
    throw e;
  }
  const S = 'supervisorctl';
  if (!store.hasSection(S)) {
    throw new SupervisorctlConfigError('.ini file does not include supervisorctl section', input.file);
  }
  const env = new Map<string, FormatValue>();
  for (const [k, v] of Object.entries(input.env)) env.set(`ENV_${k}`, v);

  const get = (section: string, key: string, dflt: string | null, withHere = false): string | null => {
    const entry = store.getEntry(section, key);
    const value = entry ? entry.value : dflt;
    if (value === null) return null;
    const names = new Map(env);
    if (withHere) names.set('here', here);
    try {
      return pythonFormat(value, names);
    } catch (e) {
      if (!(e instanceof PythonFormatError)) throw e;
      const where = pythonRepr(`${section}.${key}`);
      const detail =
        e.kind === 'missing-name'
          ? `Format string ${pythonRepr(value)} for ${where} contains names (${pythonRepr(e.detail)}) which cannot be expanded. Available names: ${[...names.keys()].sort().join(', ')}`
          : `Format string ${pythonRepr(value)} for ${where} is badly formatted: ${e.detail}`;
      throw new SupervisorctlConfigError(detail, entry?.file ?? input.file, entry?.line ?? null, section, key);
    }
  };

  let serverurl = get(S, 'serverurl', 'http://localhost:9001', true) as string;
  if (serverurl.startsWith('unix://')) serverurl = `unix://${normalize(serverurl.slice(7))}`;
  const prompt = get(S, 'prompt', 'supervisor') as string;
  const username = get(S, 'username', null);
  const password = get(S, 'password', null);
  const history = get(S, 'history_file', null, true);
  const ctlplugins: CtlPluginConfig[] = [];
  for (const section of store.sections()) {
    if (!section.startsWith('ctlplugin:')) continue;
    const spec = get(section, CTL_FACTORY_KEY, null);
    if (spec === null) {
      throw new SupervisorctlConfigError(`section [${section}] does not specify a ${CTL_FACTORY_KEY}`, input.file, null, section);
    }
    const factory = spec.trim().replace(/\s*:\s*/, ':');
    if (!input.resolvableSpecs.has(factory)) {
      const entry = store.getEntry(section, CTL_FACTORY_KEY);
      throw new SupervisorctlConfigError(`${spec} cannot be resolved within [${section}]`, entry?.file ?? input.file, entry?.line ?? null, section, CTL_FACTORY_KEY);
    }
    const extras: Record<string, string> = {};
    for (const k of store.options(section)) if (k !== CTL_FACTORY_KEY) extras[k] = get(section, k, '') as string;
    ctlplugins.push({ name: section.slice(section.indexOf(':') + 1), factory, extras });
  }
  return {
    serverurl,
    username,
    password,
    prompt,
    history_file: history ? normalize(history) : null,
    ctlplugins,
  };
}
