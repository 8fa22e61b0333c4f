// Integration tests run against real servers; fail fast with a clear message when none are configured.
module.exports = async () => {
  const missing = ['MONGODB_URI', 'KAFKA_BROKERS', 'REDIS_URL'].filter((v) => !process.env[v]);
  if (missing.length) {
    throw new Error(
      `Integration tests need real servers but ${missing.join(', ')} is not set. ` +
        'Run "npm test" (it starts them), or "node tools/infra/infra.mjs up" and export the variables it prints.',
    );
  }
};
