import type { z } from 'zod';
import { ContractViolation, describeZodError } from './envelope';

/** Turns the data of schema version N into the data of version N + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventDefinition<Data extends Record<string, unknown> = Record<string, unknown>, Type extends string = string> {
  /** The stored name: stable forever, never derived from a class name. */
  readonly type: Type;
  readonly schemaVersion: number;
  readonly schema: z.ZodType<Data>;
  /** upcasters[n] lifts version n to n + 1; every version below schemaVersion needs one. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds definitions of many data types
export type AnyEventDefinition = EventDefinition<any>;

/** The event a definition describes, as a decider sees it: its stored name and its current data. */
export type EventOf<D> = D extends EventDefinition<infer Data, infer Type> ? { readonly type: Type; readonly data: DeepReadonly<Data> } : never;

/** Stored events never change: their data is read-only to the last level, which also lets a domain's read-only values be written as it. */
export type DeepReadonly<T> = T extends (infer I)[] ? readonly DeepReadonly<I>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The union of the events a list of definitions describes: a decider's event type, derived from the registry's schemas. */
export type EventsOf<Defs extends readonly unknown[]> = EventOf<Defs[number]>;

export const defineEvent = <Data extends Record<string, unknown>, const Type extends string = string>(def: EventDefinition<Data, Type>) => def;

/**
 * The explicit map from stored event names to their current schema. Old versions are upcast
 * on the way in; new events must be written in the current version.
 */
export class EventRegistry {
  private readonly defs = new Map<string, EventDefinition>();

  constructor(definitions: readonly AnyEventDefinition[] = []) {
    for (const def of definitions) this.register(def);
  }

  register(def: AnyEventDefinition): this {
    if (this.defs.has(def.type)) throw new Error(`event type ${def.type} registered twice`);
    for (let v = 1; v < def.schemaVersion; v++) {
      if (!def.upcasters?.[v]) throw new Error(`event type ${def.type} lacks an upcaster from version ${v}`);
    }
    this.defs.set(def.type, def);
    return this;
  }

  has(type: string): boolean {
    return this.defs.has(type);
  }

  currentVersion(type: string): number {
    return this.definition(type).schemaVersion;
  }

  /** Validates data about to be written: it must be the current version of a known type. */
  validateNew(type: string, schemaVersion: number, data: unknown): Record<string, unknown> {
    const def = this.definition(type);
    if (schemaVersion !== def.schemaVersion) {
      throw new ContractViolation(`event ${type} must be written as schema version ${def.schemaVersion}, not ${schemaVersion}`);
    }
    return this.validate(def, data);
  }

  /** Reads data of any known version, upcasting it to the current one. */
  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: Record<string, unknown> } {
    const def = this.definition(type);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > def.schemaVersion) {
      throw new ContractViolation(`event ${type} has unknown schema version ${schemaVersion} (current is ${def.schemaVersion})`);
    }
    let current = data as Record<string, unknown>;
    for (let v = schemaVersion; v < def.schemaVersion; v++) {
      const upcast = def.upcasters?.[v];
      if (!upcast) throw new ContractViolation(`event ${type} lacks an upcaster from version ${v}`);
      current = upcast(current);
    }
    return { schemaVersion: def.schemaVersion, data: this.validate(def, current) };
  }

  private definition(type: string): EventDefinition {
    const def = this.defs.get(type);
    if (!def) throw new ContractViolation(`unknown event type ${type}`);
    return def;
  }

  private validate(def: EventDefinition, data: unknown): Record<string, unknown> {
    const result = def.schema.safeParse(data);
    if (!result.success) throw new ContractViolation(`invalid ${def.type} data`, describeZodError(result.error));
    return result.data;
  }
}

/**
 * A consumed event's data as its definition's type. The consumer has validated it already; parsing
 * it once more against the same schema is what makes it typed without a cast.
 */
export const dataOf = <Data extends Record<string, unknown>, Type extends string>(definition: EventDefinition<Data, Type>, data: Record<string, unknown>): Data =>
  definition.schema.parse(data);
