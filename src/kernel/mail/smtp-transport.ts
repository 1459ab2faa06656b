/** The real transport: nodemailer over SMTP, from PALERMO_SMTP_URL. */
import nodemailer from 'nodemailer';
import type { MailTransport } from './mail-sender.ts';

export function smtpTransport(url: string): MailTransport & { close(): void } {
  const t = nodemailer.createTransport(url);
  return {
    sendMail: async (m) => {
      const info = await t.sendMail(m);
      return { response: info.response, messageId: info.messageId };
    },
    close: () => t.close(),
  };
}
