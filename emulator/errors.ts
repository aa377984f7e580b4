// The emulator's error vocabulary: every error it answers, with its status and type, in one framework-free file, so it
// can be read against the spec's Errors table. http/error-handler.ts turns any of them into {error: {type, message}}.

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The largest request body the API takes (the platform's MAX_PAYLOAD_SIZE_BYTES). */
export const MAX_PAYLOAD_BYTES = 9_437_184;

// 400: the request, a parameter, a body field or a key is not acceptable.
export const invalidRequest = (message: string) => new ApiError(400, 'invalid-request', message);
export const invalidParameter = (message: string) => new ApiError(400, 'invalid-parameter', message);
export const invalidInput = (message: string) => new ApiError(400, 'invalid-input', message);
export const invalidRecordKey = (message: string) => new ApiError(400, 'invalid-record-key', message);
export const unknownBuildTag = (tag: string) =>
  new ApiError(400, 'unknown-build-tag', `Build with tag "${tag}" was not found. Has the Actor been built already?`);
export const buildNotFound = (buildNumber: string) => new ApiError(400, 'build-not-found', `Build with number "${buildNumber}" was not found`);
export const buildNotSucceeded = (buildNumber: string, status: string) =>
  new ApiError(400, 'build-not-succeeded', `Build ${buildNumber} has status ${status}; only a successful build can run`);
export const jobFinished = (what: string) => new ApiError(400, 'job-finished', what);
export const requestIdInvalid = (requestId: string) =>
  new ApiError(400, 'request-id-invalid', `Request ID ${requestId} does not correspond to the uniqueKey or id in the body`);
export const runFailed = (runId: string, status: string) => new ApiError(400, 'run-failed', `Actor run did not succeed (run ID: ${runId}, status: ${status})`);

// 401 and 403: who is asking.
export const tokenNotProvided = () => new ApiError(401, 'token-not-provided', 'Authentication token was not provided');
export const invalidToken = () => new ApiError(401, 'invalid-token', 'Authentication token is not valid.');
export const insufficientPermissions = () => new ApiError(403, 'insufficient-permissions', 'You do not have permission to perform this action.');

// 402: what the account may use.
export const actorMemoryLimitExceeded = (limitMbytes: number, inUseMbytes: number, askedMbytes: number) =>
  new ApiError(
    402,
    'actor-memory-limit-exceeded',
    `Starting this job would exceed the memory limit of ${limitMbytes} MB for all your running Actor runs and builds ` +
      `(in use: ${inUseMbytes} MB, asked for: ${askedMbytes} MB)`,
  );

// 404 and 405: what is addressed.
export const recordNotFound = (what: string) => new ApiError(404, 'record-not-found', `${what} was not found`);
/** The live platform's answer where it does not tell a missing object from a missing token or one without access. */
export const recordOrTokenNotFound = (what: string) =>
  new ApiError(404, 'record-or-token-not-found', `${what} was not found, or the token does not give access to it`);
export const pageNotFound = () => new ApiError(404, 'page-not-found', 'We have bad news: there is no API endpoint at this URL. Did you specify it correctly?');
export const methodNotAllowed = (allowed: string) =>
  new ApiError(405, 'method-not-allowed', `This API endpoint can only be accessed using the following HTTP methods: ${allowed}`, { allow: allowed });

// 408 and 409: timing and uniqueness.
export const runTimeoutExceeded = (capSecs: number) =>
  new ApiError(408, 'run-timeout-exceeded', `Actor run exceeded timeout of ${capSecs} seconds for this API endpoint`);
export const requestTimeout = () => new ApiError(408, 'request-timeout', 'The request did not arrive in full in time');
export const actorNameNotUnique = (name: string) =>
  new ApiError(409, 'actor-name-not-unique', `Record with the given name already exists (an actor named "${name}").`);
/** A lock operation by a client that does not hold the request's lock (or on a request nobody has locked). */
export const requestLockNotHeld = (requestId: string) =>
  new ApiError(409, 'request-handled-or-locked', `Request ${requestId} is not locked by this client (clientKey)`);
export const storageNameNotUnique = (what: string, name: string) =>
  new ApiError(409, 'storage-name-not-unique', `${what} with the name "${name}" already exists`);
export const taskNameNotUnique = (name: string) => new ApiError(409, 'actor-task-name-not-unique', `You already have a task named "${name}"`);
export const versionAlreadyExists = (versionNumber: string) => new ApiError(409, 'version-already-exists', `The actor already has a version ${versionNumber}`);

// 413, 415, 429, 431 and 500: the size, encoding and rate of requests, and the emulator's own failures.
export const requestTooLarge = (actualBytes?: number) =>
  new ApiError(
    413,
    'request-too-large',
    `The POST payload is too large (limit: ${MAX_PAYLOAD_BYTES} bytes${actualBytes === undefined ? '' : `, actual length: ${actualBytes} bytes`})`,
  );
export const unsupportedContentEncoding = (encoding: string | undefined) =>
  new ApiError(415, 'unsupported-content-encoding', `Content-Encoding "${encoding}" is not supported.`);
/** `type` other than rate-limit-exceeded only for the fault that gets it wrong. */
export const rateLimitExceeded = (limit: number, type = 'rate-limit-exceeded') =>
  new ApiError(429, type, `You have exceeded the rate limit of ${limit} requests per second`, { 'x-ratelimit-limit': String(limit) });
export const requestHeadersTooLarge = () => new ApiError(431, 'request-headers-too-large', 'The request headers are too large');
/** Only the sporadic-503 fault answers it: a backend that fails now and then. */
export const serviceUnavailable = () => new ApiError(503, 'service-unavailable', 'The server is temporarily unavailable');
export const internalServerError = () => new ApiError(500, 'internal-server-error', 'The emulator hit an unexpected error; see its log');

export interface ErrorBody {
  error: { type: string; message: string };
}

export function errorBody(type: string, message: string): ErrorBody {
  return { error: { type, message } };
}
