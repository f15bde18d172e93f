/** The environment a child receives, with 4.2.5's precedence (later entries win). */

export interface ChildEnvironmentInput {
  /** supervisord's own environment when it started. */
  inherited: NodeJS.ProcessEnv;
  processName: string;
  groupName: string;
  serverUrl: string | null;
  /** `[supervisord] environment=`. */
  supervisordEnvironment: Record<string, string>;
  /** The program's `environment=`. */
  programEnvironment: Record<string, string>;
}

export function buildChildEnvironment(input: ChildEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.inherited)) {
    if (value !== undefined) env[key] = value;
  }
  env.SUPERVISOR_ENABLED = '1';
  env.SUPERVISOR_PROCESS_NAME = input.processName;
  env.SUPERVISOR_GROUP_NAME = input.groupName;
  if (input.serverUrl !== null) env.SUPERVISOR_SERVER_URL = input.serverUrl;
  Object.assign(env, input.supervisordEnvironment, input.programEnvironment);
  return env;
}
