// Benchmark of the statistics engine: `npm run bench:stats`.
// Generates two waves of respondents (40 questions: 20 yes/no, 12 four-point scales, one 8-option multiple
// response; 3 profile variables), rakes each on 3 margins and computes the whole table set (40 indicators
// overall and by 2 banners of 5 columns, SE, CI, column letters, trend). Prints time and memory per step at
// 10,000, 100,000 and 1,000,000 respondents, then one JSON line of the figures. Then `barometre stats` as a
// whole process beside R (bench/stats-cli.ts). BENCH_PART=cli runs only that second part.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { categoricalColumn, computeTableSet, createDataset, createDesign, rake, type Column, type IndicatorSpec, type Margin } from '../src/stats/index.js';
import { seededRandom } from '../src/stats/test-helpers.js';
import { runStatsCliBench } from './stats-cli.js';

const SIZE = ['TPE', 'PME', 'ETI', 'GE'];
const SECTOR = ['Industrie', 'Commerce', 'Services', 'Construction', 'Public'];
const REGION = ['Nord', 'Est', 'Ouest', 'Sud', 'IdF'];
const POPULATION = { size: [3000000, 150000, 5800, 290], sector: [300000, 900000, 1500000, 400000, 56090], region: [600000, 500000, 700000, 800000, 556090] };
const SAMPLE_SHARE = { size: [0.4, 0.3, 0.2, 0.1], sector: [0.2, 0.2, 0.35, 0.15, 0.1], region: [0.2, 0.2, 0.2, 0.2, 0.2] };

function pick(random: () => number, shares: readonly number[]): number {
  let u = random();
  for (let i = 0; i < shares.length - 1; i++) {
    if (u < shares[i]) return i;
    u -= shares[i];
  }
  return shares.length - 1;
}

function generateWave(n: number, seed: number, shift: number) {
  const random = seededRandom(seed);
  const size = new Int8Array(n),
    sector = new Int8Array(n),
    region = new Int8Array(n);
  const weights = new Float64Array(n);
  const popTotal = POPULATION.size.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    size[i] = pick(random, SAMPLE_SHARE.size);
    sector[i] = pick(random, SAMPLE_SHARE.sector);
    region[i] = pick(random, SAMPLE_SHARE.region);
    weights[i] = (((POPULATION.size[size[i]] / popTotal / SAMPLE_SHARE.size[size[i]]) * popTotal) / n) * (0.8 + 0.4 * random());
  }
  const columns: Column[] = [
    categoricalColumn('size', size, SIZE),
    categoricalColumn('sector', sector, SECTOR),
    categoricalColumn('region', region, REGION),
    { kind: 'numeric', name: 'base_weight', values: weights },
  ];
  const indicators: IndicatorSpec[] = [];
  for (let q = 0; q < 20; q++) {
    const codes = new Int8Array(n);
    for (let i = 0; i < n; i++) codes[i] = random() < 0.03 ? -1 : random() < 0.3 + 0.1 * size[i] + 0.02 * q + shift ? 1 : 0;
    columns.push(categoricalColumn(`yn${q}`, codes, ['Non', 'Oui']));
    indicators.push({ id: `yn${q}`, column: `yn${q}`, yes: [1] });
  }
  for (let q = 0; q < 12; q++) {
    const codes = new Int8Array(n);
    for (let i = 0; i < n; i++) codes[i] = random() < 0.05 ? -1 : Math.min(3, Math.floor(random() * 3.6 + 0.1 * sector[i] + shift));
    columns.push(categoricalColumn(`scale${q}`, codes, ['Pas du tout', 'Plutôt pas', 'Plutôt', 'Tout à fait']));
    indicators.push({ id: `scale${q}-top2`, column: `scale${q}`, yes: [2, 3] });
  }
  const asked = new Uint8Array(n);
  for (let i = 0; i < n; i++) asked[i] = random() < 0.85 ? 1 : 0;
  for (let o = 0; o < 8; o++) {
    const codes = new Int8Array(n);
    for (let i = 0; i < n; i++) codes[i] = asked[i] ? (random() < 0.1 + 0.08 * o + 0.03 * region[i] ? 1 : 0) : -1;
    columns.push(categoricalColumn(`mr${o}`, codes, ['non cité', 'cité']));
    indicators.push({ id: `mr${o}`, column: `mr${o}`, yes: [1] });
  }
  return { dataset: createDataset(columns), indicators };
}

const margins: Margin[] = [
  { variable: 'size', population: Object.fromEntries(SIZE.map((l, i) => [l, POPULATION.size[i]])) },
  { variable: 'sector', population: Object.fromEntries(SECTOR.map((l, i) => [l, POPULATION.sector[i]])) },
  { variable: 'region', population: Object.fromEntries(REGION.map((l, i) => [l, POPULATION.region[i]])) },
];

// a full garbage collection before the timed steps, so the generator's garbage is not charged to them
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
function step<T>(name: string, run: () => T, figures: Record<string, number>): T {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  figures[`${name}Ms`] = Math.round(ms * 10) / 10;
  figures[`${name}CpuMs`] = Math.round(cpuMs * 10) / 10;
  process.stdout.write(`  ${name.padEnd(14)} ${ms.toFixed(1).padStart(9)} ms wall ${cpuMs.toFixed(1).padStart(9)} ms cpu   rss ${(rss / 2 ** 20).toFixed(0).padStart(5)} MB\n`);
  return result;
}

if (process.env.BENCH_PART !== 'cli') {
  // warm-up (not reported): compiles the hot functions so the 10,000 figures are not JIT time
  {
    const warm = generateWave(3000, 3, 0);
    for (let round = 0; round < 5; round++) {
      const design = rake(createDesign(warm.dataset, { weights: 'base_weight' }), margins).design;
      computeTableSet({ wave: design, previous: design, indicators: warm.indicators, banners: ['sector', 'region'] });
    }
  }

  const all: Record<string, Record<string, number>> = {};
  for (const n of [10_000, 100_000, 1_000_000]) {
    process.stdout.write(`${n.toLocaleString('en')} respondents per wave\n`);
    const figures: Record<string, number> = {};
    const genStart = performance.now();
    const current = generateWave(n, 1, 0.05);
    const previous = generateWave(n, 2, 0);
    figures.generateMs = Math.round(performance.now() - genStart);
    process.stdout.write(`  (generated two waves in ${figures.generateMs} ms, not counted)\n`);
    collectGarbage();
    const total = performance.now();
    const totalCpu = process.cpuUsage();
    const design = step('design', () => createDesign(current.dataset, { weights: 'base_weight' }), figures);
    const raked = step('rake', () => rake(design, margins), figures);
    const rakedPrevious = step('rakePrevious', () => rake(createDesign(previous.dataset, { weights: 'base_weight' }), margins), figures);
    const tables = step(
      'tableSet',
      () =>
        computeTableSet({
          wave: raked.design,
          previous: rakedPrevious.design,
          indicators: current.indicators,
          banners: ['sector', 'region'],
          options: { intervalMethod: 'logit', alpha: 0.05 },
        }),
      figures,
    );
    figures.totalMs = Math.round((performance.now() - total) * 10) / 10;
    const cpu = process.cpuUsage(totalCpu);
    figures.totalCpuMs = Math.round((cpu.user + cpu.system) / 100) / 10;
    figures.rakeIterations = raked.iterations;
    figures.cells = tables.indicators.length * (1 + tables.indicators[0].banners.reduce((s, b) => s + b.columns.length, 0));
    figures.peakRssMB = Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20);
    process.stdout.write(
      `  total          ${figures.totalMs.toFixed(1).padStart(9)} ms wall ${figures.totalCpuMs.toFixed(1).padStart(9)} ms cpu   (${figures.cells} cells, raking ${raked.iterations} iterations)   peak rss ${figures.peakRssMB} MB\n`,
    );
    all[String(n)] = figures;
  }
  const [load1] = (await import('node:os')).loadavg();
  process.stdout.write(JSON.stringify({ bench: 'stats', node: process.version, loadAverage: Math.round(load1 * 100) / 100, figures: all }) + '\n');
}

clearInterval(sampler);

// `barometre stats` as a whole process beside R (bench/stats-cli.ts); BENCH_PART=cli runs only this part
if (!(await runStatsCliBench())) process.exitCode = 1;
