/**
 * `palermo user ...`, `palermo token ...`, `palermo audit export`: accounts from the command line.
 * Whoever runs these holds the database already, so they act with every right (as "command line"),
 * and every change is in the audit log. `palermo user add --role admin` creates the first admin.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SYSTEM } from '../domain/accounts.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import type { PlatformServices } from '../services/platform-services.ts';

/** The first line of standard input (for --password-stdin). */
async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function userId(s: PlatformServices, email: string): Promise<string> {
  const u = await s.accounts.findUserByEmail(email);
  if (!u) throw notFound('user', email);
  return u.id;
}

export function accountCommands(
  program: Command,
  ctx: CommandContext<PlatformServices>,
  stdinLine: () => Promise<string> = readStdinLine,
): void {
  const { io, run } = ctx;
  const user = program.command('user').description('accounts: contributors, editors, administrators');

  user
    .command('add')
    .description('create an account (the first administrator: --role admin)')
    .requiredOption('--email <email>', 'the sign-in email')
    .requiredOption('--role <role>', 'contributor, editor or admin')
    .option('--name <name>', "the person's name")
    .option(
      '--password-stdin',
      'read the password from standard input (else a strong one is generated and printed once)',
    )
    .action(
      run(async (opts: { email: string; role: string; name?: string; passwordStdin?: boolean }) => {
        const generated = !opts.passwordStdin;
        const password = opts.passwordStdin ? await stdinLine() : randomBytes(15).toString('base64url');
        await ctx.withServices(async (s) => {
          const u = await s.accounts.createUser(
            { email: opts.email, role: opts.role, name: opts.name ?? null, password },
            SYSTEM,
          );
          io.out(`${JSON.stringify({ created: u })}\n`);
          if (generated)
            io.err(`Password for ${u.email} (shown once; change it after signing in at /account):\n${password}\n`);
        });
      }),
    );

  user
    .command('list')
    .description('all accounts, as JSON Lines')
    .action(
      run(async () => {
        await ctx.withServices(async (s) => {
          for (const u of await s.accounts.listUsers(SYSTEM)) io.out(`${JSON.stringify(u)}\n`);
        });
      }),
    );

  user
    .command('set-role')
    .description("change an account's role (its sessions end)")
    .argument('<email>')
    .argument('<role>', 'contributor, editor or admin')
    .action(
      run(async (email: string, role: string) => {
        await ctx.withServices(async (s) =>
          io.out(`${JSON.stringify(await s.accounts.updateUser(await userId(s, email), { role }, SYSTEM))}\n`),
        );
      }),
    );

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(`${name} an account${disabled ? ' (its sessions end at once)' : ' (and clear a lockout)'}`)
      .argument('<email>')
      .action(
        run(async (email: string) => {
          await ctx.withServices(async (s) =>
            io.out(`${JSON.stringify(await s.accounts.updateUser(await userId(s, email), { disabled }, SYSTEM))}\n`),
          );
        }),
      );
  }

  user
    .command('reset-password')
    .description("set a new password (all of the account's sessions end)")
    .argument('<email>')
    .option('--password-stdin', 'read it from standard input (else one is generated and printed once)')
    .action(
      run(async (email: string, opts: { passwordStdin?: boolean }) => {
        const password = opts.passwordStdin ? await stdinLine() : randomBytes(15).toString('base64url');
        await ctx.withServices(async (s) => {
          await s.accounts.resetPassword(await userId(s, email), password, SYSTEM);
          io.out(`${JSON.stringify({ reset: email })}\n`);
          if (!opts.passwordStdin) io.err(`New password for ${email} (shown once):\n${password}\n`);
        });
      }),
    );

  const token = program.command('token').description('API tokens for people and partner systems');

  token
    .command('create')
    .description('create an API token; the secret is printed once')
    .requiredOption('--label <label>', 'who or what uses it')
    .requiredOption('--scopes <list>', 'comma-separated: read, write, import')
    .option('--user <email>', 'the person it is for (it never exceeds their role)')
    .action(
      run(async (opts: { label: string; scopes: string; user?: string }) => {
        await ctx.withServices(async (s) => {
          const uid = opts.user ? await userId(s, opts.user) : null;
          const scopes = opts.scopes
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
          const { token: t, secret } = await s.accounts.createToken({ label: opts.label, scopes, userId: uid }, SYSTEM);
          io.out(`${JSON.stringify({ created: t, secret })}\n`);
        });
      }),
    );

  token
    .command('list')
    .description('all tokens (never their secrets), as JSON Lines')
    .action(
      run(async () => {
        await ctx.withServices(async (s) => {
          for (const t of await s.accounts.listTokens(SYSTEM)) io.out(`${JSON.stringify(t)}\n`);
        });
      }),
    );

  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>')
    .action(
      run(async (id: string) => {
        await ctx.withServices(async (s) =>
          io.out(`${JSON.stringify({ revoked: await s.accounts.revokeToken(id, SYSTEM) })}\n`),
        );
      }),
    );

  program
    .command('audit')
    .description('the audit log')
    .command('export')
    .description('write the whole audit log, oldest first')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      run(async (opts: { format: string; out?: string }) => {
        if (opts.format !== 'jsonl' && opts.format !== 'csv') {
          throw new AppError('VALIDATION_FAILED', `unknown format '${opts.format}'; use jsonl or csv`, [
            { path: '--format', message: 'jsonl or csv', allowed: ['jsonl', 'csv'] },
          ]);
        }
        await ctx.withServices(async (s) => {
          const out = opts.out ? createWriteStream(opts.out) : null;
          for await (const chunk of s.audit.export(opts.format as 'jsonl' | 'csv', SYSTEM)) {
            if (out) {
              if (!out.write(chunk)) await once(out, 'drain');
            } else io.out(chunk);
          }
          if (out)
            await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
        });
      }),
    );
}
