import type { CommandDefinition } from '../controller';
import { columnize } from '../text-layout';
import { comparePython } from './reread';

const HEADER = 'default commands (type help <topic>):';

export const helpCommand: CommandDefinition = {
  name: 'help',
  help: ['help\t\tPrint a list of available actions', 'help <action>\tPrint help for <action>'],
  completes: 'commands',
  async run(ctl, arg) {
    const topic = arg.trim();
    const table = ctl.commandTable;
    if (topic === 'help') {
      for (const line of helpCommand.help) ctl.output(line);
      return;
    }
    if (topic !== '') {
      const command = table.get(topic);
      if (command === undefined || command.help.length === 0) {
        ctl.output(`*** No help on ${arg}`);
        return;
      }
      for (const line of command.help) ctl.output(line);
      return;
    }
    const topics = [...table.values()]
      .filter((command) => command.help.length > 0 && command.name !== 'help')
      .map((command) => command.name)
      .sort(comparePython);
    ctl.output('');
    ctl.output(HEADER);
    ctl.output('='.repeat(HEADER.length));
    for (const line of columnize(topics, 79)) ctl.output(line);
    ctl.output('');
  },
};
