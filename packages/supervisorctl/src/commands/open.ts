import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { urlScheme } from '../server-url';
import { showStatus } from './status';

export const openCommand: CommandDefinition = {
  name: 'open',
  help: ['open <url>\tConnect to a remote supervisord process.', '\t\t(for UNIX domain socket, use unix:///socket/path)'],
  async run(ctl, arg) {
    const url = arg.trim();
    const scheme = urlScheme(url);
    if (scheme !== 'unix' && scheme !== 'http') {
      ctl.output('ERROR: url must be http:// or unix://');
      ctl.exitStatus = ExitStatus.GENERIC;
      return;
    }
    ctl.options.serverurl = url;
    const previous = ctl.exitStatus;
    await showStatus(ctl, '');
    ctl.exitStatus = previous;
  },
};
