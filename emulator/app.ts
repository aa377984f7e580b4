// Builds the Fastify instance: the HTTP conventions (errors, method override, auth, rate limits, bodies) as hooks on
// the root, then the route plugins, then 405 answers for every path's other methods.
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_PAYLOAD_BYTES, serviceUnavailable } from './errors.ts';
import { SPORADIC_503_EVERY } from './faults/catalogue.ts';
import { registerAuth } from './http/auth.ts';
import { registerBodyParsing } from './http/body-parsing.ts';
import { errorHandler, handleClientError, handleFrameworkError } from './http/error-handler.ts';
import { registerJsonContentType } from './http/json-content-type.ts';
import { applyMethodOverride, registerMethodOverrideCheck } from './http/method-override.ts';
import { collectRouteMethods, registerMethodNotAllowed, registerNotFound } from './http/not-found.ts';
import { addQueryKeywords } from './http/query.ts';
import { registerRateLimit } from './http/rate-limit.ts';
import { sharedValidators } from './http/shared-validators.ts';
import type { EmulatorContext } from './routes/context.ts';
import { registerRoutes } from './routes/index.ts';
import { registerResponseVariations } from './variations/response-variations.ts';

// Compiled once per process for every emulator it starts.
const validators = sharedValidators();

export async function buildApp(context: EmulatorContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_PAYLOAD_BYTES,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 1000, ignoreTrailingSlash: true },
    // Body schemas check types strictly (no coercion); query values are converted by the `queryValue` keyword.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false }, plugins: [addQueryKeywords] },
    schemaController: { compilersFactory: { buildValidator: validators } },
    serverFactory: (handler) =>
      createServer((request, response) => {
        // Fault method-override-ignored: requests are routed by their own method only; method-override-get-only: a GET's
        // method is overridden, any other is kept.
        const overridable = request.method === 'GET' || !context.faults.has('method-override-get-only');
        if (overridable && !context.faults.has('method-override-ignored')) applyMethodOverride(request);
        handler(request, response);
      }),
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  });
  app.setErrorHandler(errorHandler(context.faults));
  registerNotFound(app);
  registerJsonContentType(app);
  registerMethodOverrideCheck(app);
  registerAuth(app, context.state, context.faults, context.options.variations.includes('platform') ? 'not-found' : 'unauthorized');
  // Fault rate-limit-off: no limiter at all.
  if (!context.faults.has('rate-limit-off')) registerRateLimit(app, context.options, context.faults);
  registerBodyParsing(app, context.faults);
  if (context.faults.has('sporadic-503')) registerSporadicUnavailability(app);
  if (context.options.variations.length > 0) registerResponseVariations(app, context.options);
  const methodsByUrl = collectRouteMethods(app);
  await app.register(registerRoutes, { context });
  // Fault method-not-allowed-as-404: only the framework's not-found handler answers a method a path does not serve.
  if (!context.faults.has('method-not-allowed-as-404')) registerMethodNotAllowed(app, methodsByUrl);
  return app;
}

// Fault sporadic-503: a backend that fails now and then. The correct emulator never answers 503.
function registerSporadicUnavailability(app: FastifyInstance): void {
  let requests = 0;
  app.addHook('onRequest', (_request, _reply, done) => {
    requests += 1;
    done(requests % SPORADIC_503_EVERY === 0 ? serviceUnavailable() : undefined);
  });
}
