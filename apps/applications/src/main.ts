import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { authConfigFromEnv } from '@gbt/auth';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig, NestJsonLogger } from '@gbt/platform';
import { ApplicationsModule } from './app.module';

async function main(): Promise<void> {
  const logger = new JsonLogger('applications');
  const config = loadServiceConfig('applications', process.env, 3001);
  const app = await NestFactory.create(ApplicationsModule.forRoot({ config, auth: authConfigFromEnv(), logger }), {
    logger: new NestJsonLogger(logger),
  });
  configureHttp(app, logger);
  const document = new DocumentBuilder()
    .setTitle('Applications service')
    .setDescription('Organisations, applications and evidence, and the certification lifecycle (GB/T 27922-2011)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
  await app.listen(config.port, '127.0.0.1');
  logger.info('applications service listening', { url: `http://127.0.0.1:${config.port}`, docs: `http://127.0.0.1:${config.port}/docs` });
}

main().catch((err: unknown) => {
  process.stderr.write(`applications service failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
