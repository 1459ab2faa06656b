export * from './mail-sender.ts';
export { smtpTransport } from './smtp-transport.ts';
export { MAIL_MIGRATIONS } from './migrations.ts';
