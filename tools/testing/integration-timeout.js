// Integration tests talk to real servers: allow for broker rebalances and first-use topic creation.
jest.setTimeout(60_000);
