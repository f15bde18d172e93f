export { main, run } from './main';
export { Controller } from './controller';
export type { CommandDefinition, ControllerOptions } from './controller';
export type { SupervisorApi } from './supervisor-api';
