/**
 * fast-check arbitraries from the OpenAPI document's JSON Schemas (draft 2020-12 as OpenAPI 3.1
 * uses it): what the property-based fuzzer sends. Kept small (short strings, few items) so that
 * every operation gets its examples within the CI budget.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

export class SchemaArbitraries {
  constructor(private readonly components: Record<string, Schema>) {}

  private resolve(s: Schema): Schema {
    let cur = s;
    for (let i = 0; cur.$ref && i < 10; i++) cur = this.components[cur.$ref.split('/').pop()!] ?? {};
    return cur;
  }

  of(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema) return fc.constant(undefined);
    const s = this.resolve(schema);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alts = s.anyOf ?? s.oneOf;
    if (alts) return fc.oneof(...alts.map((a) => this.of(a, depth + 1)));
    if (s.allOf) return this.of(Object.assign({}, ...s.allOf.map((a) => this.resolve(a))), depth);
    const types = [s.type ?? (s.properties ? 'object' : 'string')].flat();
    return fc.oneof(...types.map((t) => this.ofType(t, s, depth)));
  }

  private ofType(type: string, s: Schema, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 3000, 1e9) });
      case 'number':
        return fc.double({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 3000, 1e9), noNaN: true });
      case 'array': {
        if (depth > 4) return fc.constant([]);
        const max = Math.min(s.maxItems ?? 3, 3);
        return fc.array(this.of(s.items ?? {}, depth + 1), {
          minLength: Math.min(s.minItems ?? 0, max),
          maxLength: max,
        });
      }
      case 'object':
        return depth > 4 ? fc.constant({}) : this.object(s, depth);
      default:
        return this.string(s);
    }
  }

  private object(s: Schema, depth: number): fc.Arbitrary<unknown> {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(props)) record[k] = this.of(v, depth + 1);
    return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
  }

  private string(s: Schema): fc.Arbitrary<string> {
    if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    if (s.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    if (s.pattern) {
      try {
        const re = new RegExp(s.pattern);
        return fc.stringMatching(re).filter((x) => x.length <= (s.maxLength ?? 200) && x.length >= (s.minLength ?? 0));
      } catch {
        /* a pattern JavaScript cannot read: plain strings */
      }
    }
    const min = s.minLength ?? 0;
    return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(s.maxLength ?? 12, 12)) });
  }
}

/** Values no schema asks for: to reach the refusals (400) as well as the answers. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.constant(null),
  fc.constant(''),
  fc.constantFrom('%', '"', '-1', '0', 'true', '\u00e9', '[]', '{}'),
);
