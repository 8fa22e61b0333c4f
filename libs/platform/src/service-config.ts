/** What every service reads from its environment; a missing value is a clear start-up error. */
export interface ServiceConfig {
  readonly service: string;
  readonly mongoUri: string;
  readonly database: string;
  readonly kafkaBrokers: string;
  readonly redisUrl: string;
  readonly port: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadServiceConfig(service: string, env: NodeJS.ProcessEnv = process.env, defaultPort = 3000): ServiceConfig {
  const { MONGODB_URI: mongoUri, KAFKA_BROKERS: kafkaBrokers, REDIS_URL: redisUrl } = env;
  if (!mongoUri || !kafkaBrokers || !redisUrl) {
    const missing = ['MONGODB_URI', 'KAFKA_BROKERS', 'REDIS_URL'].filter((name) => !env[name]);
    throw new ConfigError(`${service}: ${missing.join(', ')} must be set (npm start sets them; see README "External servers")`);
  }
  const port = Number(env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ConfigError(`${service}: PORT must be a TCP port, not "${env.PORT}"`);
  return {
    service,
    mongoUri,
    database: env.MONGODB_DATABASE ?? `gbt_${service.replace(/-/g, '_')}`,
    kafkaBrokers,
    redisUrl,
    port,
  };
}
