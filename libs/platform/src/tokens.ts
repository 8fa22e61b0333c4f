/** Injection tokens for the infrastructure a service gets from PlatformModule. */
export const MONGO_CLIENT = Symbol('MONGO_CLIENT');
export const MONGO_DB = Symbol('MONGO_DB');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const EVENT_REGISTRY = Symbol('EVENT_REGISTRY');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
