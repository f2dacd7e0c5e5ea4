import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationError, type FieldError } from '../errors.ts';
import { UnknownEventTypeError } from './errors.ts';
import type { NewEvent } from './eventStore.ts';
import { eventMetadataSchema } from './eventMetadataSchema.ts';

/**
 * Version 1 of an event type whose payload is an object of exactly these properties, all
 * required but the `optional` ones.
 */
export function eventType(
  type: string,
  properties: Record<string, object>,
  optional: string[] = [],
): EventTypeDefinition {
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return {
    type,
    version: 1,
    schema: { type: 'object', required, additionalProperties: false, properties },
  };
}

/** One version of one event type: its payload is validated by `schema` before it is stored. */
export interface EventTypeDefinition {
  type: string;
  version: number;
  /** JSON Schema (draft 2020-12 subset ajv supports) of the event's `data`. */
  schema: object;
}

interface Compiled {
  definition: EventTypeDefinition;
  validate: ValidateFunction;
}

/**
 * The event types a store accepts. Every version of a type stays registered, so history
 * written under an old schema remains valid; new events take the newest version.
 */
export class EventTypeRegistry {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly byType = new Map<string, Map<number, Compiled>>();
  private readonly validateMetadata: ValidateFunction;

  constructor(definitions: EventTypeDefinition[] = []) {
    addFormats.default(this.ajv);
    this.validateMetadata = this.ajv.compile(eventMetadataSchema);
    definitions.forEach((definition) => this.register(definition));
  }

  register(definition: EventTypeDefinition): void {
    const versions = this.byType.get(definition.type) ?? new Map<number, Compiled>();
    if (versions.has(definition.version)) {
      throw new Error(`Event type ${definition.type} v${definition.version} is registered twice`);
    }
    versions.set(definition.version, { definition, validate: this.ajv.compile(definition.schema) });
    this.byType.set(definition.type, versions);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  latestVersion(type: string): number {
    const versions = this.byType.get(type);
    if (!versions) throw new UnknownEventTypeError(type);
    return Math.max(...versions.keys());
  }

  /** Returns the schema version the event is stored under; throws on any invalid field. */
  validate(event: NewEvent, pointer = ''): number {
    const version = event.schemaVersion ?? this.latestVersion(event.type);
    const compiled = this.byType.get(event.type)?.get(version);
    if (!compiled) throw new UnknownEventTypeError(event.type, version);

    const errors = [
      ...collect(compiled.validate, event.data, `${pointer}/data`),
      ...collect(this.validateMetadata, event.metadata, `${pointer}/metadata`),
    ];
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      errors.push({ pointer: `${pointer}/id`, message: 'must be a UUID' });
    }
    if (errors.length > 0) throw new ValidationError(`Invalid ${event.type} event`, errors);
    return version;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collect(validate: ValidateFunction, value: unknown, pointer: string): FieldError[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => toFieldError(error, pointer));
}

function toFieldError(error: ErrorObject, pointer: string): FieldError {
  const missing = error.keyword === 'required' ? `/${error.params.missingProperty}` : '';
  return { pointer: `${pointer}${error.instancePath}${missing}`, message: error.message ?? '' };
}
