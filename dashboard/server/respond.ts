// Writing responses: security headers on everything, ETag/304, gzip when the client accepts it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCb, type ZlibOptions } from 'node:zlib';
import type { ApiError } from '../api-contract.ts';

const gzipAsync = promisify(gzipCb);

/**
 * Self only. Inline styles are allowed because Svelte transitions and Observable Plot set style
 * attributes; data:/blob: images because PNG export draws the chart's SVG through an <img>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const MIN_GZIP = 512;

/**
 * gzip of data answers (Arrow), compressed once per new request: level 1 is about 3× faster than
 * level 6 on them (600 KB of breakdown rows at 10M: 5.3 ms instead of 16 ms) for 5–17% more bytes,
 * and at level 6 the compression cost more than finding the rows. memLevel 9 makes level 1 another
 * ~17% faster at the same size (measured on a mix of the six data endpoints). Files compressed once
 * and kept (the app's JavaScript) stay at level 6, where memLevel 9 gives larger output.
 */
export const DATA_GZIP: Readonly<ZlibOptions> = { level: 1, memLevel: 9 };
const DEFAULT_GZIP: Readonly<ZlibOptions> = { level: 6 };

/** A response ready to send; `gzipped` is computed at most once and kept with the body. */
export class Payload {
  private gz: Promise<Buffer> | null = null;
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly body: Buffer,
    readonly headers: Record<string, string> = {},
    readonly etag?: string,
    readonly compressible = true,
    readonly gzipOptions: Readonly<ZlibOptions> = DEFAULT_GZIP,
  ) {}

  get canGzip(): boolean {
    return this.compressible && this.body.length >= MIN_GZIP;
  }

  gzipped(): Promise<Buffer> {
    this.gz ??= gzipAsync(this.body, this.gzipOptions);
    return this.gz;
  }

  get size(): number {
    return this.body.length;
  }
}

export function jsonPayload(status: number, value: unknown, headers: Record<string, string> = {}, etag?: string): Payload {
  return new Payload(status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(value)), { 'Cache-Control': 'no-cache', ...headers }, etag);
}

export function errorPayload(status: number, message_vi: string, message_en: string, param?: string, headers: Record<string, string> = {}): Payload {
  const error: ApiError = { error: { message_vi, message_en, ...(param === undefined ? {} : { param }) } };
  return jsonPayload(status, error, { 'Cache-Control': 'no-store', ...headers });
}

export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  if (!header) return false;
  for (const part of String(header).split(',')) {
    const [coding, ...params] = part.trim().split(';').map((s) => s.trim());
    if (coding.toLowerCase() !== 'gzip' && coding !== '*') continue;
    const q = params.find((p) => p.toLowerCase().startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

function etagMatches(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return String(header).split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

export async function send(req: IncomingMessage, res: ServerResponse, p: Payload): Promise<void> {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  for (const [k, v] of Object.entries(p.headers)) res.setHeader(k, v);
  if (p.compressible) res.setHeader('Vary', 'Accept-Encoding');
  if (p.etag) {
    res.setHeader('ETag', p.etag);
    if (p.status === 200 && etagMatches(req, p.etag)) {
      res.writeHead(304);
      res.end();
      return;
    }
  }
  let body = p.body;
  if (p.canGzip && acceptsGzip(req)) {
    body = await p.gzipped();
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Type', p.contentType);
  res.setHeader('Content-Length', body.length);
  res.writeHead(p.status);
  res.end(req.method === 'HEAD' ? undefined : body);
}
