/**
 * What every section of the public read API (/api/v1) shares: the error body, the page
 * size limit, ETag'd JSON answers, and the shape of a section a content module adds
 * (legal documents, agency information, public services, …), so each module's endpoints
 * live in a file of their own and public-api.routes.ts only lists them.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { Site } from '../sites/index.js';

export const MAX_PAGE_SIZE = 50;

export const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), help: Type.Optional(Type.String()), field: Type.Optional(Type.String()) }) });
export const API_ERRORS = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** Sends JSON with a strong ETag of its bytes, or 304 when the client has them. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const json = JSON.stringify(body);
  const etag = `"${crypto.createHash('sha1').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=60').header('vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

/** The API plugin's instance, with TypeBox schemas typing each handler's request. */
export type PublicApiInstance = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface PublicApiSectionDeps {
  db: Kysely<Database>;
  /** The site the Host header names (404 when there is none). */
  siteOf(request: FastifyRequest): Site;
}

/** A module's endpoints under /api/v1: tags ['Công khai'], answers through sendCached, published content only. */
export type PublicApiSection = (api: PublicApiInstance, deps: PublicApiSectionDeps) => void;
