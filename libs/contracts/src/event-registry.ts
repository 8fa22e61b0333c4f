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
  /**
   * Names this event was stored and published under before a rename. Stored events and messages
   * never change, so they are read as this definition (under `type`) forever; nothing may be
   * written under a former name. Schema versions continue across a rename: a rename is not a
   * change of data.
   */
  readonly formerly?: readonly string[];
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

/** An event as read: under its current name, in its current schema version. */
export interface UpcastEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
}

/**
 * The explicit map from stored event names to their current schema. Old versions and former names
 * are upcast on the way in; new events must be written under the current name and version.
 */
export class EventRegistry {
  private readonly defs = new Map<string, EventDefinition>();
  /** Former name -> the definition it was renamed to: read only. */
  private readonly renamed = new Map<string, EventDefinition>();

  constructor(definitions: readonly AnyEventDefinition[] = []) {
    for (const def of definitions) this.register(def);
  }

  register(def: AnyEventDefinition): this {
    const names = [def.type, ...(def.formerly ?? [])];
    for (const name of names) {
      if (this.defs.has(name) || this.renamed.has(name)) throw new Error(`event type ${name} registered twice`);
    }
    if (new Set(names).size !== names.length) throw new Error(`event type ${def.type} lists its own name or a former name twice`);
    for (let v = 1; v < def.schemaVersion; v++) {
      if (!def.upcasters?.[v]) throw new Error(`event type ${def.type} lacks an upcaster from version ${v}`);
    }
    this.defs.set(def.type, def);
    for (const former of def.formerly ?? []) this.renamed.set(former, def);
    return this;
  }

  /** Whether events of this name can be read: a current name or a former one. */
  has(type: string): boolean {
    return this.defs.has(type) || this.renamed.has(type);
  }

  /** The name an event of this stored name is read under now (itself unless it was renamed). */
  currentName(type: string): string {
    return this.readable(type).type;
  }

  /** The schema version new events of this type are written in; a former name has none. */
  currentVersion(type: string): number {
    return this.definition(type).schemaVersion;
  }

  /** Validates data about to be written: it must be the current version of a known type under its current name. */
  validateNew(type: string, schemaVersion: number, data: unknown): Record<string, unknown> {
    const def = this.definition(type);
    if (schemaVersion !== def.schemaVersion) {
      throw new ContractViolation(`event ${type} must be written as schema version ${def.schemaVersion}, not ${schemaVersion}`);
    }
    return this.validate(def, data);
  }

  /** Reads an event stored under any known name and version, upcasting it to the current name and version. */
  upcast(type: string, schemaVersion: number, data: unknown): UpcastEvent {
    const def = this.readable(type);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > def.schemaVersion) {
      throw new ContractViolation(`event ${type} has unknown schema version ${schemaVersion} (current is ${def.schemaVersion})`);
    }
    let current = data as Record<string, unknown>;
    for (let v = schemaVersion; v < def.schemaVersion; v++) {
      const upcast = def.upcasters?.[v];
      if (!upcast) throw new ContractViolation(`event ${type} lacks an upcaster from version ${v}`);
      current = upcast(current);
    }
    return { type: def.type, schemaVersion: def.schemaVersion, data: this.validate(def, current) };
  }

  /** The definition events of this name are written by: never a former name. */
  private definition(type: string): EventDefinition {
    const def = this.defs.get(type);
    if (def) return def;
    const renamedTo = this.renamed.get(type)?.type;
    if (renamedTo) throw new ContractViolation(`event type ${type} was renamed to ${renamedTo}: write ${renamedTo}`);
    throw new ContractViolation(`unknown event type ${type}`);
  }

  /** The definition events of this name are read by: current and former names. */
  private readable(type: string): EventDefinition {
    return this.renamed.get(type) ?? this.definition(type);
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
