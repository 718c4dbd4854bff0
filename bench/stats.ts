// Benchmark of the statistics engine: `npm run bench:stats`.
// Generates two waves of respondents (40 questions: 20 yes/no, 12 four-point scales, one 8-option multiple
// response; 3 profile variables), rakes each on 3 margins and computes the whole table set (40 indicators
// overall and by 2 banners of 5 columns, SE, CI, column letters, trend). Prints time and memory per step at
// 10,000, 100,000 and 1,000,000 respondents, then one JSON line of the figures.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { categoricalColumn, computeTableSet, createDataset, createDesign, rake, type Column, type IndicatorSpec, type Margin } from '../src/stats/index.js';
import { seededRandom } from '../src/stats/test-helpers.js';

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
clearInterval(sampler);
const [load1] = (await import('node:os')).loadavg();
process.stdout.write(JSON.stringify({ bench: 'stats', node: process.version, loadAverage: Math.round(load1 * 100) / 100, figures: all }) + '\n');

// ---- `barometre stats` as a whole process, beside R (issue 21) ----
// CSVs of 10,000 / 100,000 / 1,000,000 rows (set BENCH_CLI_SIZES=10000,100000 to choose), raking on 3 margins,
// 13 proportions overall and by a banner (26 cases), timed as one `barometre stats` process; the same job in R
// (survey: svydesign, calibrate raking, svymean, svyby) when Rscript with survey is installed, and the largest
// difference between the two results.
{
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = new URL('..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'bench-stats-cli-'));
  const hasR = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey))'], { stdio: 'ignore' }).status === 0;
  const timed = (command: string, args: string[]) => {
    const useTime = existsSync('/usr/bin/time');
    const start = performance.now();
    const run = useTime
      ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - start;
    if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
    const last = useTime ? run.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN, NaN];
    return { wallMs, cpuMs: (last[0] + last[1]) * 1000, maxRssMB: last[2] / 1024, stdout: run.stdout };
  };
  const sizes = (process.env.BENCH_CLI_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  const cli: Record<string, Record<string, number>> = {};
  for (const n of sizes) {
    const random = seededRandom(7 + n);
    const lines: string[] = [['size', 'sector', 'region', 'base_weight', ...Array.from({ length: 13 }, (_, q) => `q${q + 1}`)].join(',')];
    for (let i = 0; i < n; i++) {
      const size = pick(random, SAMPLE_SHARE.size),
        sector = pick(random, SAMPLE_SHARE.sector),
        region = pick(random, SAMPLE_SHARE.region);
      const row = [SIZE[size], SECTOR[sector], REGION[region], ((1 + 3 * random()) * (3156090 / 2.5 / n)).toPrecision(8)];
      for (let q = 0; q < 13; q++) {
        if (random() < 0.03) {
          row.push('NA');
          continue;
        }
        row.push(q % 2 === 0 ? (random() < 0.3 + 0.1 * size + 0.02 * q ? 'Oui' : 'Non') : ['A', 'B', 'C', 'D'][Math.min(3, Math.floor(random() * 3.6 + 0.1 * sector))]);
      }
      lines.push(row.join(','));
    }
    writeFileSync(join(dir, `data-${n}.csv`), lines.join('\n') + '\n');
    const calibration = { type: 'rake', margins: margins.map((m) => ({ variable: m.variable, population: m.population })) };
    const cases = [];
    for (let q = 1; q <= 13; q++) {
      const common = { data: `data-${n}.csv`, design: { weights: 'base_weight' }, calibration };
      cases.push({ id: `q${q}`, ...common, estimate: { kind: 'proportion', variable: `q${q}` } });
      cases.push({ id: `q${q}-by-region`, ...common, estimate: { kind: 'proportion', variable: `q${q}`, by: 'region' } });
    }
    writeFileSync(join(dir, `cases-${n}.json`), JSON.stringify({ cases }));
    const ours = timed(process.execPath, [join(root, 'bin/barometre.js'), 'stats', join(dir, `cases-${n}.json`)]);
    const figures: Record<string, number> = { wallMs: Math.round(ours.wallMs), cpuMs: Math.round(ours.cpuMs), maxRssMB: Math.round(ours.maxRssMB) };
    // the same cases in this process: the computation without the CLI's start-up (tsx, the app's imports)
    const { runReferenceCasesFile } = await import('../src/analysis/reference-cases.js');
    const cpuStart = process.cpuUsage();
    runReferenceCasesFile(join(dir, `cases-${n}.json`));
    const inCpu = process.cpuUsage(cpuStart);
    figures.inProcessCpuMs = Math.round((inCpu.user + inCpu.system) / 1000);
    let line = `barometre stats, ${n.toLocaleString('en')} rows, 26 cases: ${figures.wallMs} ms wall, ${figures.cpuMs} ms cpu (computation alone ${figures.inProcessCpuMs} ms cpu), ${figures.maxRssMB} MB`;
    if (hasR) {
      const population = (m: Margin, first: boolean) =>
        Object.entries(m.population)
          .slice(first ? 0 : 1)
          .map(([level, count]) => `${m.variable}${level} = ${count}`);
      const total = Object.values(margins[0].population).reduce((a, b) => a + b, 0);
      const script = `suppressMessages(library(survey))
d <- read.csv("${join(dir, `data-${n}.csv`)}", stringsAsFactors = TRUE)
d$size <- factor(d$size, levels = c(${SIZE.map((l) => `"${l}"`).join(', ')}))
d$sector <- factor(d$sector, levels = c(${SECTOR.map((l) => `"${l}"`).join(', ')}))
d$region <- factor(d$region, levels = c(${REGION.map((l) => `"${l}"`).join(', ')}))
des <- svydesign(ids = ~1, weights = ~base_weight, data = d)
cal <- calibrate(des, ~size + sector + region, population = c("(Intercept)" = ${total}, ${margins.flatMap((m) => population(m, false)).join(', ')}), calfun = "raking", epsilon = 1e-13, maxit = 200)
out <- c()
for (q in 1:13) {
  f <- as.formula(paste0("~q", q))
  m <- svymean(f, cal, na.rm = TRUE); out <- c(out, coef(m), SE(m))
  b <- svyby(f, ~region, cal, svymean, na.rm = TRUE); out <- c(out, as.vector(unlist(coef(b))), as.vector(unlist(SE(b))))
}
cat(format(out, digits = 17), sep = "\\n")
`;
      writeFileSync(join(dir, `r-${n}.R`), script);
      const r = timed('Rscript', [join(dir, `r-${n}.R`)]);
      figures.rWallMs = Math.round(r.wallMs);
      figures.rCpuMs = Math.round(r.cpuMs);
      // compare: every estimate and SE of ours appears in R's output within 1e-9 / 1e-6 relative
      const rValues = r.stdout
        .trim()
        .split('\n')
        .map(Number)
        .sort((a, b) => a - b);
      const mine = (JSON.parse(ours.stdout) as { cases: { result: { estimate: number; se: number }[] }[] }).cases.flatMap((c) => c.result.flatMap((x) => [x.estimate, x.se]));
      let worst = 0;
      for (const v of mine) {
        let lo = 0,
          hi = rValues.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (rValues[mid] < v) lo = mid + 1;
          else hi = mid;
        }
        const near = [rValues[lo - 1], rValues[lo]].filter((x) => x !== undefined).map((x) => Math.abs(x - v) / Math.max(Math.abs(v), 1e-300));
        worst = Math.max(worst, Math.min(...near));
      }
      figures.worstRelativeDifference = worst;
      line += ` | R: ${figures.rWallMs} ms wall, ${figures.rCpuMs} ms cpu | R/ours cpu ${(figures.rCpuMs / figures.cpuMs).toFixed(1)}× | largest relative difference ${worst.toExponential(1)} (${mine.length} values)`;
    } else line += ' | R with survey not installed: no comparison';
    process.stdout.write(line + '\n');
    cli[String(n)] = figures;
  }
  process.stdout.write(JSON.stringify({ bench: 'stats-cli', figures: cli }) + '\n');
}
