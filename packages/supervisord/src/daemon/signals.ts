/** Maps the daemon's signals to lifecycle actions; returns the function that uninstalls them. */
import type { Logger } from '../logging/logger';
import type { Supervisor } from '../supervision/supervisor';

export function installSignalHandlers(supervisor: Supervisor, logger: Logger): () => void {
  const exitRequest = (signal: NodeJS.Signals) => () => {
    logger.warn(`received ${signal} indicating exit request`);
    supervisor.shutdown();
  };
  const handlers: Array<[NodeJS.Signals, () => void]> = [
    ['SIGTERM', exitRequest('SIGTERM')],
    ['SIGINT', exitRequest('SIGINT')],
    ['SIGQUIT', exitRequest('SIGQUIT')],
    [
      'SIGHUP',
      () => {
        if (supervisor.state === 'SHUTDOWN') {
          logger.warn('ignored SIGHUP indicating restart request (shutdown in progress)');
          return;
        }
        logger.warn('received SIGHUP indicating restart request');
        supervisor.restart();
      },
    ],
    [
      'SIGUSR2',
      () => {
        logger.info('received SIGUSR2 indicating log reopen request');
        supervisor.reopenLogs();
        logger.info('supervisord logreopen');
      },
    ],
    ['SIGCHLD', () => logger.debug('received SIGCHLD indicating a child quit')],
  ];
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
