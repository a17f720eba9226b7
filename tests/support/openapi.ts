/** The app's OpenAPI document as the access-matrix and isolation tests read it: operations, their declared access, sample bodies. */
import type { FastifyInstance } from 'fastify';
import type { AccessExtension } from '../../src/platform/http/access.ts';

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  additionalProperties?: JsonSchema | boolean;
}

export interface Parameter {
  in: string;
  name: string;
  schema: JsonSchema;
}

export interface DocOperation {
  method: string;
  path: string;
  /** What the access plugin wrote from the route's declaration (undefined: the extension is missing). */
  access: AccessExtension | undefined;
  parameters: Parameter[];
  /** The JSON request body's schema, if the operation takes one. */
  body: JsonSchema | undefined;
}

interface RawOperation {
  'x-qifu-access'?: AccessExtension;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface Document {
  operations: DocOperation[];
  components: Record<string, JsonSchema>;
}

export function readDocument(app: FastifyInstance): Document {
  const doc = app.swagger() as unknown as {
    paths: Record<string, Record<string, RawOperation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: op['x-qifu-access'],
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
  return { operations, components: doc.components?.schemas ?? {} };
}

/** The operation's path with its parameters filled in (undefined when a parameter has no value). */
export function fillPath(path: string, values: Record<string, string | number>): string | undefined {
  let missing = false;
  const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) missing = true;
    return encodeURIComponent(String(v));
  });
  return missing ? undefined : url;
}

const TEXT = '隔离检查：这段文字只用于访问控制的自动测试，请忽略';
/** Candidates tried against a string's pattern: a mobile number, a date, a code. */
const PATTERNED = ['13912345678', '2026-01-05', '91440300MA5F000000', 'x'];

/** A value the schema accepts, every property filled (the smallest number, the first enum value, a plain Chinese text). */
export function sampleOf(schema: JsonSchema, components: Record<string, JsonSchema>): unknown {
  if (schema.$ref) return sampleOf(components[schema.$ref.split('/').pop()!] ?? {}, components);
  const first = schema.allOf?.[0] ?? schema.anyOf?.find((s) => s.type !== 'null') ?? schema.oneOf?.[0];
  if (first) return sampleOf(first, components);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, components)]));
    case 'array':
      return (schema.minItems ?? 0) > 0 && schema.items ? [sampleOf(schema.items, components)] : [];
    case 'boolean':
      return true;
    case 'integer':
    case 'number': {
      // 1 when the range holds it (an amount, an id, a count), else the bound nearest to it.
      const exclusive = schema.exclusiveMinimum;
      const low = exclusive === true ? (schema.minimum ?? 0) + 1 : typeof exclusive === 'number' ? exclusive + 1 : schema.minimum;
      return Math.min(Math.max(1, low ?? 1), schema.maximum ?? Infinity);
    }
    case 'string': {
      if (schema.format === 'date') return '2026-01-05';
      if (schema.format === 'date-time') return '2026-01-05T08:00:00.000Z';
      if (schema.format === 'email') return 'isolation@example.com';
      if (schema.format === 'uri') return 'https://example.com/isolation';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        return PATTERNED.find((c) => re.test(c)) ?? 'x';
      }
      const text = TEXT.repeat(Math.ceil((schema.minLength ?? 1) / TEXT.length));
      return text.slice(0, schema.maxLength ?? text.length);
    }
    default:
      return null;
  }
}
