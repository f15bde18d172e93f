/** The LSB exit statuses supervisorctl reports. */
export const ExitStatus = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
} as const;

/** The statuses `status` reports (LSB status actions). */
export const StatusExitStatus = {
  NOT_RUNNING: 3,
  UNKNOWN: 4,
} as const;
