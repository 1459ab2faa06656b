import type { Command } from 'commander';
import { caseJsonSchema } from '../domain/json-schema.ts';
import type { CliIo, Runner } from '../../../app/cli.ts';

export function schemaCommand(program: Command, io: CliIo, run: Runner): void {
  program
    .command('schema')
    .description('print the JSON Schema of one line of the canonical JSON Lines format (docs/case.schema.json)')
    .action(run(async () => {
      io.out(`${JSON.stringify(caseJsonSchema(), null, 2)}\n`);
    }));
}
