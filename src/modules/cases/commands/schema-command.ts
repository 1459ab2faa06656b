import type { Command } from 'commander';
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { caseJsonSchema } from '../domain/json-schema.ts';

export function schemaCommand(program: Command, ctx: CommandContext): void {
  const { io, run } = ctx;
  program
    .command('schema')
    .description('print the JSON Schema of one line of the canonical JSON Lines format (docs/case.schema.json)')
    .action(
      run(async () => {
        io.out(`${JSON.stringify(caseJsonSchema(), null, 2)}\n`);
      }),
    );
}
