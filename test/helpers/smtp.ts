/** A real SMTP server on loopback (smtp-server) with AUTH, keeping what arrives parsed by mailparser. */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** Refuse the next n messages with a 451 (a temporary failure). */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'palermo' && auth.password === 'secret') cb(null, { user: 'palermo' });
      else cb(new Error('invalid credentials'));
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          const e = new Error('try again later') as Error & { responseCode: number };
          e.responseCode = 451;
          cb(e);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((m) => {
            received.push(m);
            cb();
          })
          .catch((e: unknown) => cb(e as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://palermo:secret@127.0.0.1:${port}`,
    received,
    refuseNext: (n) => void (refuse = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
