/**
 * `npm run bench [-- NAME...]`: runs the named benchmarks, or all of them; each writes bench/results/NAME.json.
 *   api   the plan tracker's read paths under concurrent load (bench/api.ts)
 *   pcgd  the universal-education register: COPY import, rebuild, one edit, reads, DuckDB and a typed-array scan
 *         (bench/pcgd.ts; BENCH_PCGD_SIZES=300000,3000000 by default)
 *   dashboards  indicator roll-ups of a 100-unit province (50 indicators, 10 years): dashboard, one roll-up, children,
 *         indexed vs naive plans (bench/dashboards.ts)
 *   models  learning models: 200 citizens submitting at once through the public API (latency, nothing lost or doubled),
 *         province statistics over 1,000,000 registered citizens from the counters vs the live query, the counters'
 *         cost to each write (bench/models.ts; BENCH_MODELS_CITIZENS=1000000, BENCH_MODELS_USERS=200)
 */
export {};

const BENCHES: Record<string, () => Promise<void>> = {
  api: async () => (await import('./api.ts')).benchApi(),
  pcgd: async () => (await import('./pcgd.ts')).benchPcgd(),
  dashboards: async () => (await import('./dashboards.ts')).benchDashboards(),
  models: async () => (await import('./models.ts')).benchModels(),
};

const names = process.argv.slice(2).filter((a) => a !== '--');
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of names.length ? names : Object.keys(BENCHES)) {
  console.log(`\n=== bench ${name} ===`);
  await BENCHES[name]!();
}
