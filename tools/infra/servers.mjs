// What each local server needs: how to install it, how to start it, and how to know it answers.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFerretDB } from './ferretdb/build.mjs';
import { INFRA_DIR, HERE, InfraError, hasCommand, run, isRoot } from './util.mjs';

const port = (name, fallback) => Number(process.env[name] ?? fallback);

export const PORTS = {
  kafka: port('INFRA_KAFKA_PORT', 9092),
  kafkaController: port('INFRA_KAFKA_CONTROLLER_PORT', 9093),
  mongo: port('INFRA_MONGO_PORT', 27017),
  redis: port('INFRA_REDIS_PORT', 6379),
};

const hashFiles = (...files) =>
  createHash('sha256')
    .update(files.map((f) => readFileSync(f)).join('\0'))
    .digest('hex');

/** Runs `build` only when the stamp file does not hold the hash of the inputs, so reruns are instant. */
function cached(stampFile, inputs, build) {
  const want = hashFiles(...inputs);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return false;
  build();
  writeFileSync(stampFile, want);
  return true;
}

const redis = {
  name: 'redis',
  envVar: 'REDIS_URL',
  url: () => `redis://127.0.0.1:${PORTS.redis}`,
  ports: () => [PORTS.redis],
  processMatch: 'redis-server',
  install() {
    if (hasCommand('redis-server')) return;
    if (!isRoot() || !hasCommand('apt-get')) {
      throw new InfraError(
        'Redis is not installed. Install Debian\'s "redis-server" package (apt-get install redis-server), or set REDIS_URL to a running Redis.',
      );
    }
    console.log('[infra] installing redis-server from Debian packages ...');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'redis-server'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  },
  command() {
    const dir = join(INFRA_DIR, 'redis');
    mkdirSync(dir, { recursive: true });
    // Append-only file with fsync every second: a restart keeps queued jobs. BullMQ requires noeviction.
    return {
      cmd: 'redis-server',
      args: [
        '--bind', '127.0.0.1', '--port', String(PORTS.redis), '--dir', dir,
        '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
        '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes', '--daemonize', 'no',
      ],
    };
  },
};

const ferretdb = {
  name: 'ferretdb',
  envVar: 'MONGODB_URI',
  url: () => `mongodb://127.0.0.1:${PORTS.mongo}/`,
  ports: () => [PORTS.mongo],
  processMatch: 'ferretdb',
  binary: join(INFRA_DIR, 'bin', 'ferretdb'),
  install() {
    const src = join(HERE, 'ferretdb');
    const inputs = ['main.go', 'go.mod', 'go.sum', 'build.mjs'].map((f) => join(src, f));
    mkdirSync(join(INFRA_DIR, 'bin'), { recursive: true });
    cached(`${this.binary}.stamp`, inputs, () => {
      if (!hasCommand('go')) {
        throw new InfraError('Go is not installed: it is needed once to build FerretDB (go 1.22 or newer), or set MONGODB_URI to a running MongoDB.');
      }
      console.log('[infra] building FerretDB v1.24.2 from the Go module proxy, with its _id index fix (first run only, about a minute) ...');
      buildFerretDB({ launcherDir: src, workDir: join(INFRA_DIR, 'build', 'ferretdb'), binary: this.binary });
    });
  },
  command() {
    const dir = join(INFRA_DIR, 'ferretdb', 'data');
    mkdirSync(dir, { recursive: true });
    // A database dropped while in use can leave its -wal/-shm files behind without the database
    // file; FerretDB then refuses to start. Such leftovers hold nothing: remove them.
    for (const file of readdirSync(dir)) {
      const main = file.replace(/-(wal|shm)$/, '');
      if (main !== file && !existsSync(join(dir, main))) rmSync(join(dir, file), { force: true });
    }
    const backend = process.env.INFRA_FERRETDB_POSTGRESQL_URL
      ? ['-handler', 'postgresql', '-postgresql-url', process.env.INFRA_FERRETDB_POSTGRESQL_URL]
      : ['-handler', 'sqlite', '-sqlite-url', `file:${dir}/`];
    return { cmd: this.binary, args: ['-listen', `127.0.0.1:${PORTS.mongo}`, ...backend] };
  },
};

const kafka = {
  name: 'kafka',
  envVar: 'KAFKA_BROKERS',
  url: () => `127.0.0.1:${PORTS.kafka}`,
  ports: () => [PORTS.kafka, PORTS.kafkaController],
  processMatch: 'kafka.Kafka',
  libs: join(INFRA_DIR, 'kafka', 'libs'),
  install() {
    for (const tool of ['java', 'mvn']) {
      if (!hasCommand(tool)) {
        throw new InfraError(`${tool} is not installed: Kafka needs Java 17 and Maven to fetch its jars, or set KAFKA_BROKERS to a running Kafka.`);
      }
    }
    const pom = join(HERE, 'kafka', 'pom.xml');
    mkdirSync(this.libs, { recursive: true });
    cached(join(this.libs, '.stamp'), [pom], () => {
      console.log('[infra] fetching Apache Kafka 3.9.1 jars from Maven Central (first run only) ...');
      run('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
        '-DincludeScope=runtime', `-DoutputDirectory=${this.libs}`]);
    });
    this.writeConfig();
  },
  writeConfig() {
    const dir = join(INFRA_DIR, 'kafka');
    const props = {
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': `1@127.0.0.1:${PORTS.kafkaController}`,
      listeners: `PLAINTEXT://127.0.0.1:${PORTS.kafka},CONTROLLER://127.0.0.1:${PORTS.kafkaController}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${PORTS.kafka}`,
      'controller.listener.names': 'CONTROLLER',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name': 'PLAINTEXT',
      'log.dirs': join(dir, 'data'),
      'num.partitions': '3',
      'auto.create.topics.enable': 'false',
      'offsets.topic.replication.factor': '1',
      'offsets.topic.num.partitions': '10',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'log.retention.hours': '168',
    };
    writeFileSync(join(dir, 'server.properties'), Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
    writeFileSync(join(dir, 'log4j.properties'), [
      'log4j.rootLogger=WARN, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka=WARN',
      'log4j.logger.org.apache.kafka=WARN',
      'log4j.logger.kafka.server.KafkaServer=INFO',
      '',
    ].join('\n'));
    if (!existsSync(join(dir, 'data', 'meta.properties'))) {
      const classpath = `${this.libs}/*`;
      const id = run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'random-uuid'], { capture: true }).trim();
      run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', id, '-c', join(dir, 'server.properties'), '--ignore-formatted'], { capture: true });
    }
  },
  command() {
    const dir = join(INFRA_DIR, 'kafka');
    return {
      cmd: 'java',
      args: ['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`,
        '-cp', `${this.libs}/*`, 'kafka.Kafka', join(dir, 'server.properties')],
    };
  },
};

export const SERVERS = [redis, ferretdb, kafka];
