import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';
import { isLocalDateInRange } from '../domain/shared/dates.js';

/**
 * The `format` of every date the API takes: its shape and the journal's range, the domain's
 * rule. A day that does not exist (02-30) passes on to the domain, which answers 422 as before.
 */
export const LOCAL_DATE_FORMAT = 'local-date';

/**
 * Ajv options of the server. Query strings and path parameters arrive as text, so they are
 * coerced; a JSON body arrives typed, so it is not: `{"allPresent": 1}` is a client's bug to
 * refuse, not to read as `true`.
 */
/** What Fastify passes to a compiler at run time (the package's types name only the schema). */
type CompileRoute = (route: { schema: unknown; httpPart?: string }) => unknown;

export function validationOptions(): Pick<FastifyServerOptions, 'ajv' | 'schemaController'> {
  const fromPool = AjvCompiler();
  return {
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        allErrors: true,
        formats: { [LOCAL_DATE_FORMAT]: { type: 'string', validate: isLocalDateInRange } },
      },
    },
    schemaController: {
      compilersFactory: {
        buildValidator: ((externalSchemas, options) => {
          const coercing = fromPool(externalSchemas, options) as unknown as CompileRoute;
          const noCoercion = {
            ...options,
            mode: undefined,
            customOptions: { ...(options?.customOptions as AjvCompiler.Options), coerceTypes: false },
          };
          const exact = fromPool(externalSchemas, noCoercion) as unknown as CompileRoute;
          const compile: CompileRoute = (route) => (route.httpPart === 'body' ? exact : coercing)(route);
          return compile;
        }) as AjvCompiler.BuildCompilerFromPool,
      },
    },
  };
}
