/**
 * Recognises errors that mean "the database server cannot be reached right now" (refused or lost
 * connection, server shutting down or starting, connection timeout), so that callers answer
 * UNAVAILABLE (HTTP 503) instead of an internal error. The pool opens a new connection for the
 * next request, so the service recovers by itself when the server is back.
 */
import { AppError } from '../errors.ts';

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin/crash shutdown, cannot connect now). */
const SQLSTATE = /^(08...|57P0[123])$/;
const MESSAGES = new RegExp(
  [
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error',
    'connection error',
    'Cannot use a pool after calling end',
  ].join('|'),
  'i',
);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message) && !(err instanceof AppError)) return true;
  // AggregateError of several addresses (localhost resolving to ::1 and 127.0.0.1).
  return Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable);
}

export function unavailableError(): AppError {
  return new AppError('UNAVAILABLE', 'the database is unavailable (connection refused or lost); try again shortly', {
    retry: true,
  });
}
