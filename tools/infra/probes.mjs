// "Really answers" checks: a Kafka metadata request, a Mongo ping, a Redis PING.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, InfraError } from './util.mjs';

const requireFromRoot = createRequire(join(ROOT, 'package.json'));

function load(pkg) {
  try {
    return requireFromRoot(pkg);
  } catch {
    throw new InfraError(`npm package "${pkg}" is missing: run "npm ci" in ${ROOT} first.`);
  }
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function probeRedis(url) {
  const Redis = load('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await withTimeout(client.connect(), 2000, 'Redis');
    const pong = await withTimeout(client.ping(), 2000, 'Redis');
    if (pong !== 'PONG') throw new Error(`Redis answered ${pong}`);
  } finally {
    client.disconnect();
  }
}

export async function probeMongo(uri) {
  const { MongoClient } = load('mongodb');
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => {});
  }
}

export async function probeKafka(brokers) {
  const { Kafka, logLevel } = load('kafkajs');
  const admin = new Kafka({
    clientId: 'infra-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
  }).admin();
  try {
    await withTimeout(admin.connect(), 3000, 'Kafka');
    await withTimeout(admin.fetchTopicMetadata({ topics: [] }), 3000, 'Kafka');
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export const PROBES = { redis: probeRedis, ferretdb: probeMongo, kafka: probeKafka };
