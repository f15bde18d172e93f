import type { CommandDefinition } from '../controller';

/** Leaves the shell after an empty line (also what end of input does). */
export const eofCommand: CommandDefinition = {
  name: 'EOF',
  help: [],
  async run(ctl) {
    ctl.output('');
    return true;
  },
};

export const quitCommand: CommandDefinition = {
  name: 'quit',
  help: ['quit\tExit the supervisor shell.'],
  run: eofCommand.run,
};

export const exitCommand: CommandDefinition = {
  name: 'exit',
  help: ['exit\tExit the supervisor shell.'],
  run: eofCommand.run,
};
