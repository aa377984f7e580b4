// The one place that turns any error into the API's envelope, {error: {type, message}}: the vocabulary is ../errors.ts.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiError,
  errorBody,
  internalServerError,
  invalidInput,
  invalidParameter,
  invalidRequest,
  MAX_PAYLOAD_BYTES,
  requestHeadersTooLarge,
  requestTimeout,
  requestTooLarge,
} from '../errors.ts';
import type { Faults } from '../faults/faults.ts';

/** Fastify error handler: known errors keep their status and type; anything else is a 500 that does not crash. */
export function errorHandler(faults: Faults) {
  return (error: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply): void => {
    const apiError = toApiError(error, request);
    // An ApiError is an answer the emulator chose (a 503 of the sporadic-503 fault); anything else that ends in 5xx is a bug.
    if (apiError.statusCode >= 500 && !(error instanceof ApiError)) reportUnexpected(error, request);
    reply.code(apiError.statusCode).headers(apiError.headers);
    // Fault errors-not-json: errors are answered as a line of text.
    if (faults.has('errors-not-json')) {
      reply.type('text/plain').send(`Error: ${apiError.message}`);
      return;
    }
    // Fault not-found-wrong-type: a missing record is reported with a type of the server's own.
    const type = apiError.type === 'record-not-found' && faults.has('not-found-wrong-type') ? 'not-found' : apiError.type;
    reply.send(errorBody(type, apiError.message));
  };
}

/**
 * Errors Fastify meets before routing (e.g. a malformed URL). Such replies skip the hooks that set the JSON content type,
 * so the envelope is sent as ready bytes with the documented media type.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const apiError = toApiError(error, request);
  const body = Buffer.from(JSON.stringify(errorBody(apiError.type, apiError.message)));
  reply.code(apiError.statusCode).type('application/json').send(body);
}

/** Requests that are not valid HTTP (or never arrive in full) get the envelope too, written straight to the socket. */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const {
    statusCode: status,
    type,
    message,
  } = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? requestTimeout()
    : error.code === 'HPE_HEADER_OVERFLOW'
      ? requestHeadersTooLarge()
      : invalidRequest('The request is not valid HTTP');
  const body = JSON.stringify(errorBody(type, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** A 500 is a bug in the emulator: say where on stderr (the route pattern, never the URL, which may hold a token). */
function reportUnexpected(error: Error, request: FastifyRequest): void {
  process.stderr.write(`emulator: unexpected error in ${request.method} ${request.routeOptions.url ?? '(no route)'}: ${error.stack ?? error.message}\n`);
}

export function toApiError(error: FastifyError | ApiError | Error, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation !== undefined) return validationError(fastifyError);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return requestTooLarge(declaredLength(request));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return invalidRequest('The request body length does not match its Content-Length header');
    case 'FST_ERR_BAD_URL':
      // Fastify's message repeats the URL, which may carry a token.
      return invalidRequest('The URL is not valid (malformed percent-encoding)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return invalidRequest(`The Content-Type header "${request.headers['content-type']}" is not a valid media type`);
  }
  if (isDecodingError(fastifyError)) {
    return invalidRequest(`The request body could not be decoded (Content-Encoding: ${request.headers['content-encoding']})`);
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'invalid-request', fastifyError.message);
  }
  return internalServerError();
}

/** zlib reports corrupt gzip/deflate input as Z_* codes and corrupt brotli input as ERR__ERROR_* codes. */
function isDecodingError(error: FastifyError): boolean {
  return typeof error.code === 'string' && (error.code.startsWith('Z_') || error.code.startsWith('ERR__ERROR'));
}

/** The body length a too-large request declared, when it declared one above the limit. */
function declaredLength(request: FastifyRequest): number | undefined {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > MAX_PAYLOAD_BYTES ? length : undefined;
}

/**
 * Schema failures: query and path problems are invalid parameters; a body that is not an object is an invalid request;
 * a body field that is missing, of the wrong type or unknown is invalid input.
 */
function validationError(error: FastifyError): ApiError {
  const [first] = error.validation ?? [];
  if (first === undefined) return invalidRequest(error.message);
  const params = first.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  const path = fieldPath(first.instancePath);
  if (error.validationContext === 'querystring' || error.validationContext === 'params') {
    if (first.keyword === 'required') return invalidParameter(`Parameter "${params.missingProperty}" is required`);
    return invalidParameter(`Parameter "${path}" ${explain(first.keyword, first.message, params.allowedValues)}`);
  }
  const child = (name: string | undefined) => (path === '' ? `${name}` : `${path}.${name}`);
  switch (first.keyword) {
    case 'required':
      return invalidInput(`Field "${child(params.missingProperty)}" is required`);
    case 'additionalProperties':
      return invalidInput(`Field "${child(params.additionalProperty)}" is not a known field of this object`);
    case 'type':
      if (path === '') return invalidRequest('The request body must be a JSON object');
  }
  return invalidInput(`Field "${path}" ${explain(first.keyword, first.message, params.allowedValues)}`);
}

/** /versions/0/envVars/1/name -> versions[0].envVars[1].name */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`), '');
}

function explain(keyword: string, message: string | undefined, allowedValues: unknown[] | undefined): string {
  if (keyword === 'enum') return `must be one of ${allowedValues?.map((value) => JSON.stringify(value)).join(', ')}`;
  return message ?? 'is not valid';
}
