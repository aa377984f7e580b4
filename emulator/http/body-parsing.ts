// Request bodies: decompressed (gzip, deflate, br, as apify-client compresses large bodies), limited to 9437184 bytes
// after decompression, then either parsed as JSON or, on routes that store the body (run input, records), kept as raw
// bytes with their content type.
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidRequest, MAX_PAYLOAD_BYTES, unsupportedContentEncoding } from '../errors.ts';
import type { Faults } from '../faults/faults.ts';
import './route-config.ts';

/** A body kept as sent, for routes with `rawBody`. */
export interface RawBody {
  bytes: Buffer;
  contentType: string | undefined;
  /** The bytes as sent, before decompression; kept only for the fault kvs-gzip-record-stored-compressed. */
  encodedBytes?: Buffer;
}

/** The compressed chunks of requests, while the fault kvs-gzip-record-stored-compressed needs them. */
const encodedChunks = new WeakMap<FastifyRequest, Buffer[]>();

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export function registerBodyParsing(app: FastifyInstance, faults: Faults): void {
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding === undefined || encoding === '' || encoding === 'identity') return done(null, payload);
    const decoder = DECODERS[encoding];
    if (decoder === undefined) {
      return done(unsupportedContentEncoding(request.headers['content-encoding']), payload);
    }
    const chunks = faults.has('kvs-gzip-record-stored-compressed') && request.routeOptions.config.rawBody === true ? [] : undefined;
    if (chunks !== undefined) encodedChunks.set(request, chunks);
    done(null, decode(payload, decoder(), chunks));
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_PAYLOAD_BYTES }, (request, body, done) => {
    try {
      done(null, parseBody(request, body as Buffer, faults));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** Pipes the request through a decoder, counting the encoded bytes, which Fastify compares with Content-Length. */
function decode(payload: Readable, decoder: Transform, chunks: Buffer[] | undefined): Readable {
  const decoded = decoder as Transform & { receivedEncodedLength: number };
  decoded.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => {
    decoded.receivedEncodedLength += chunk.length;
    chunks?.push(chunk);
  });
  payload.on('error', (error) => decoded.destroy(error));
  return payload.pipe(decoded);
}

function parseBody(request: FastifyRequest, bytes: Buffer, faults: Faults): unknown {
  const contentType = request.headers['content-type'];
  if (request.routeOptions.config.rawBody === true) {
    const chunks = encodedChunks.get(request);
    return { bytes, contentType, ...(chunks === undefined ? {} : { encodedBytes: Buffer.concat(chunks) }) } satisfies RawBody;
  }
  if (bytes.length === 0) return undefined;
  if (contentType !== undefined && !isJsonMediaType(contentType)) {
    throw invalidRequest(`The request body must be JSON sent with Content-Type: application/json, got "${contentType}"`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    // Fault malformed-json-accepted: a body that does not parse is taken as "no fields".
    if (faults.has('malformed-json-accepted')) return {};
    throw invalidRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  // Fault non-object-body-accepted: anything but an object is taken as "no fields".
  if (faults.has('non-object-body-accepted') && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) return {};
  return parsed;
}

export function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** The raw body of a `rawBody` route, or an empty one when the request had none. */
export function rawBodyOf(request: FastifyRequest): RawBody {
  const body = request.body as RawBody | undefined;
  return body ?? { bytes: Buffer.alloc(0), contentType: request.headers['content-type'] };
}
