/**
 * Until accounts exist, writes are guarded by one admin token from config (PALERMO_ADMIN_TOKEN),
 * sent as `Authorization: Bearer <token>`. Reads need no token; with a valid one, unpublished cases
 * become visible too.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { EDITOR, PUBLIC, type Actor } from '../services/case-service.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1]!.trim() : h.trim();
}

/** The actor behind a request: EDITOR with the right token, PUBLIC without one; a wrong token is 403. */
export function actorOf(req: FastifyRequest, adminToken: string | undefined): Actor {
  const given = bearer(req);
  if (given === undefined) return PUBLIC;
  if (!adminToken) throw new AppError('FORBIDDEN', 'writes are disabled: the server has no PALERMO_ADMIN_TOKEN configured');
  if (!timingSafeEqual(digest(given), digest(adminToken))) throw new AppError('FORBIDDEN', 'the token is not valid');
  return EDITOR;
}

export function requireEditor(req: FastifyRequest, adminToken: string | undefined): Actor {
  if (bearer(req) === undefined) {
    throw new AppError('UNAUTHORIZED', 'this action needs a token: send Authorization: Bearer <token>');
  }
  return actorOf(req, adminToken);
}
