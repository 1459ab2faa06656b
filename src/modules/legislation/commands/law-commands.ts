/** `palermo law import FILE.xml`: a law from Akoma Ntoso 3.0 (schema-validated; nothing written on an error). */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { AppError } from '../../../kernel/errors.ts';
import { SYSTEM } from '../../platform/index.ts';
import type { LegislationServices } from '../services/services.ts';

export function lawCommands(program: Command, ctx: CommandContext<LegislationServices>): void {
  const law = program.command('law').description('laws of the legislation register');
  law
    .command('import')
    .description('import a law from an Akoma Ntoso 3.0 XML file (validated against the schema)')
    .argument('<file>', 'the .xml file')
    .option('--status <status>', 'draft (default), in_review or published', 'draft')
    .option('--id <id>', 'the law id (default: from the country and title)')
    .action(
      ctx.run(async (file: string, opts: { status: string; id?: string }) => {
        let xml: string;
        try {
          xml = await readFile(file, 'utf8');
        } catch (e) {
          throw new AppError('NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? ''}`, [
            { path: 'file', message: 'not readable' },
          ]);
        }
        // Loaded here, not at start: libxml2 (WebAssembly) holds ~20 MB that only this command needs.
        const { aknToLawInput } = await import('../akn/akn-import.ts');
        const input = aknToLawInput(xml);
        await ctx.withServices(async (s) => {
          const w = await s.laws.create({ ...input, status: opts.status, ...(opts.id ? { id: opts.id } : {}) }, SYSTEM);
          const n = (await s.laws.provisions(w.id, SYSTEM, { all: true })).length;
          ctx.io.out(`${JSON.stringify({ law: w.id, status: w.status, provisions: n })}\n`);
        });
      }),
    );
}
