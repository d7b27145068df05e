import { Type, type Static, type TSchema, type TSchemaOptions } from 'typebox';
import { LOCAL_DATE_FORMAT } from './validation.js';

/**
 * TypeBox pieces shared by the route plugins: one definition gives the request check, the
 * response serializer, the OpenAPI document and the handler's TypeScript types.
 */

/** `null` or the schema; @fastify/swagger writes it as OpenAPI 3.0's `nullable`. */
export const Nullable = <T extends TSchema>(schema: T, options?: TSchemaOptions) => Type.Union([schema, Type.Null()], options);

/** A string from a fixed list, written as one `enum` (what generated clients turn into a union type). */
export const StringEnum = <const V extends readonly string[]>(values: V, options?: TSchemaOptions) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...options });

/** An object keyed by arbitrary names (external ids), values of one schema. */
export const Dictionary = <T extends TSchema>(value: T, options?: TSchemaOptions) =>
  Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, ...options });

/**
 * A response object whose properties the serializer writes when present. The domain's types
 * promise the fields; the document does not, so an added optional field never breaks a reply.
 */
export const Out = <P extends Parameters<typeof Type.Object>[0]>(properties: P, options?: TSchemaOptions) =>
  Type.Partial(Type.Object(properties), options);

/** An instant; the domain hands over `Date`, the serializer writes ISO 8601. */
export const DateTime = (options?: TSchemaOptions) => Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', ...options });

/** Every date the API takes: YYYY-MM-DD within the journal's range (the domain's rule). */
export const LocalDate = (options?: TSchemaOptions) => Type.String({ format: LOCAL_DATE_FORMAT, ...options });
export const LocalTime = (options?: TSchemaOptions) => Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', ...options });

export const Id = (options?: TSchemaOptions) => Type.Integer({ minimum: 1, maximum: 2147483647, ...options });
export const IdParams = Type.Object({ id: Id() });

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(Type.Object({}, { additionalProperties: true })),
  }),
});

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
} as const;
