export { main } from './main';
export { loadConfig, checkConfig, processesFromProgramOptions } from './config/load';
export type { ConfigOverrides, LoadOptions, LoadResult, ProgramOptionsInput } from './config/load';
export { ConfigError } from './config/config-error';
export { defaultConfigHost, BUILTIN_RESOLVABLE_SPECS } from './config/config-host';
export type { ConfigHost } from './config/config-host';
export type * from './config/types';
