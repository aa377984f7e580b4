// Fastify compiles every route's schemas anew for each instance: that was half of an emulator's start, and the project's
// tests and the self-test start hundreds of emulators in one process. Every emulator of a process takes its validators
// from here instead: one Ajv per set of options (Fastify's own pool), and one compiled validator per distinct schema,
// keyed by its JSON (the routes write many schemas inline, so equal schemas are not the same object). A validator keeps
// no state between calls, so sharing one between routes and emulators changes nothing they answer.
import AjvCompiler from '@fastify/ajv-compiler';

type BuildValidator = AjvCompiler.BuildCompilerFromPool;
type Validator = ReturnType<ReturnType<BuildValidator>>;

export function sharedValidators(): BuildValidator {
  const pool = AjvCompiler();
  const compiled = new WeakMap<ReturnType<BuildValidator>, Map<string, Validator>>();
  return (externalSchemas, options) => {
    const compile = pool(externalSchemas, options);
    const cache = compiled.get(compile) ?? new Map<string, Validator>();
    compiled.set(compile, cache);
    return (route) => {
      const key = JSON.stringify(route.schema);
      const validate = cache.get(key) ?? compile(route);
      cache.set(key, validate);
      return validate;
    };
  };
}
