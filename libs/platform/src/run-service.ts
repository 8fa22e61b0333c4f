import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp } from './bootstrap';
import type { Clock } from './clock';
import { clockFromEnv } from './simulated-clock';
import { NestJsonLogger } from './nest-logger';
import { loadServiceConfig, type ServiceConfig } from './service-config';

export interface ServiceDefinition {
  readonly service: string;
  readonly defaultPort: number;
  readonly title: string;
  readonly description: string;
  readonly module: (config: ServiceConfig, logger: JsonLogger, clock: Clock) => DynamicModule;
}

/** Starts a service as `npm start` and the containers do: JSON logs, OpenAPI at /docs, loopback unless told otherwise. */
export function runService(definition: ServiceDefinition): void {
  const logger = new JsonLogger(definition.service);
  const start = async () => {
    const config = loadServiceConfig(definition.service, process.env, definition.defaultPort);
    const clock = clockFromEnv();
    if (process.env.SIMULATED_CLOCK_FILE) logger.warn('time is simulated: the clock follows the offset in SIMULATED_CLOCK_FILE', { file: process.env.SIMULATED_CLOCK_FILE, now: clock.now().toISOString() });
    const app = await NestFactory.create(definition.module(config, logger, clock), { logger: new NestJsonLogger(logger) });
    configureHttp(app, logger);
    const document = new DocumentBuilder().setTitle(definition.title).setDescription(definition.description).setVersion('1').addBearerAuth().build();
    SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
    await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
    logger.info(`${definition.service} service listening`, { url: `http://127.0.0.1:${config.port}`, docs: `http://127.0.0.1:${config.port}/docs` });
  };
  start().catch((err: unknown) => {
    process.stderr.write(`${definition.service} service failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
