/** `palermo document add|list|remove|sweep`: judgment documents from the command line (editor rights). */
import type { Command } from 'commander';
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../kernel/errors.ts';
import { SYSTEM } from '../../platform/index.ts';
import type { Services } from '../services/services.ts';
import { checkDocument } from '../../../kernel/files/sniff.ts';

async function readDocument(file: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile())
      throw new AppError('BAD_REQUEST', `${file} is not a file`, [{ path: 'file', message: 'not a regular file' }]);
    size = s.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'NOT_FOUND',
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      [{ path: 'file', message: 'not readable' }],
    );
  }
  // Checked before reading, so a huge file is refused without loading it.
  if (size > maxBytes)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${basename(file)} is ${size} bytes; the limit is ${maxBytes} bytes (PALERMO_DOCUMENT_MAX_BYTES)`,
      [{ path: 'file', message: `larger than ${maxBytes} bytes` }],
    );
  return readFile(file);
}

export function documentCommands(program: Command, ctx: CommandContext<Services>): void {
  const { config, io, run } = ctx;
  const doc = program.command('document').description('judgment documents attached to cases (PDF, DOCX, HTML, TXT)');

  doc
    .command('add')
    .description('attach files to a case; their text goes into the search index')
    .argument('<case>', 'the case id')
    .argument('<files...>', 'the files (each checked by its bytes, not only its name)')
    .option('--type <media-type>', 'the media type the files claim (default: from each file name)')
    .action(
      run(async (caseId: string, files: string[], opts: { type?: string }) => {
        // Every file is read and checked before the first is attached: one bad file attaches none.
        const inputs: { file: string; bytes: Buffer }[] = [];
        for (const file of files) inputs.push({ file, bytes: await readDocument(file, config.documentMaxBytes) });
        await ctx.withServices(async (s) => {
          for (const { file, bytes } of inputs) {
            await checkDocument(bytes, basename(file), opts.type);
          }
          for (const { file, bytes } of inputs) {
            const r = await s.documents.attach(
              { caseId, filename: basename(file), declaredType: opts.type, bytes },
              SYSTEM,
            );
            io.out(`${JSON.stringify({ case: caseId, attached: r.created, ...r.document })}\n`);
          }
        });
      }),
    );

  doc
    .command('list')
    .description('the documents of a case, one JSON object per line')
    .argument('<case>', 'the case id')
    .action(
      run(async (caseId: string) => {
        await ctx.withServices(async (s) => {
          for (const d of await s.documents.list(caseId, SYSTEM)) io.out(`${JSON.stringify(d)}\n`);
        });
      }),
    );

  doc
    .command('remove')
    .description('detach a document from a case (its file is deleted once no case holds it)')
    .argument('<case>', 'the case id')
    .argument('<sha256>', 'the document id (its SHA-256)')
    .action(
      run(async (caseId: string, sha256: string) => {
        await ctx.withServices(async (s) => {
          const r = await s.documents.remove(caseId, sha256, SYSTEM);
          io.out(`${JSON.stringify({ case: caseId, removed: sha256, caseVersion: r.caseVersion })}\n`);
        });
      }),
    );

  doc
    .command('sweep')
    .description('delete files in the documents folder that no case holds (after cases were deleted)')
    .action(
      run(async () => {
        await ctx.withServices(async (s) =>
          io.out(`${JSON.stringify({ removedFiles: await s.documents.sweep(SYSTEM) })}\n`),
        );
      }),
    );
}
