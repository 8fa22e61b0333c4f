import { agingBench } from './aging.bench';
import { appendBench } from './append.bench';
import { claimsBench } from './claims.bench';
import { consumerBench } from './consumer.bench';
import type { BenchContext } from './context';
import { growthBench } from './growth.bench';
import { loadBench } from './load.bench';
import { pipelineBench } from './pipeline.bench';
import { rebuildBench } from './rebuild.bench';
import { registrySearchBench } from './registry-search.bench';
import { relayBench } from './relay.bench';
import { scansBench } from './scans.bench';
import type { BenchResult } from './report';

export const BENCHMARKS: readonly { id: string; run: (ctx: BenchContext) => Promise<BenchResult> }[] = [
  { id: 'append', run: appendBench },
  { id: 'load', run: loadBench },
  { id: 'relay', run: relayBench },
  { id: 'consumer', run: consumerBench },
  { id: 'rebuild', run: rebuildBench },
  { id: 'claims', run: claimsBench },
  { id: 'growth', run: growthBench },
  { id: 'scans', run: scansBench },
  { id: 'registry-search', run: registrySearchBench },
  { id: 'pipeline', run: pipelineBench },
  { id: 'aging', run: agingBench },
];

/** Runs the benchmarks in order; one that fails is reported and the rest still run. */
export async function runSuite(ctx: BenchContext, only: readonly string[] | undefined, onResult: (r: BenchResult) => void = () => undefined) {
  const results: BenchResult[] = [];
  const failures: { id: string; error: string }[] = [];
  for (const b of BENCHMARKS) {
    if (only && !only.includes(b.id)) continue;
    ctx.log(`-- ${b.id}`);
    try {
      const r = await b.run(ctx);
      results.push(r);
      onResult(r);
    } catch (err) {
      failures.push({ id: b.id, error: (err as Error).stack ?? String(err) });
      ctx.log(`${b.id} failed: ${(err as Error).message}`);
    }
  }
  return { results, failures };
}
