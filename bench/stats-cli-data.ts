// The job `bench:stats` gives `barometre stats` and R: a CSV of n respondents (3 profile variables, a base
// weight, 13 questions: 7 yes/no and 6 four-level scales, 3 % missing), raking on the 3 profile margins, and
// 26 cases: each question's proportions overall and by region. Also the same job as an R script (survey).
// Run alone to write the files: `node --import tsx bench/stats-cli-data.ts DIR 10000`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/stats/test-helpers.js';

export const SIZE = ['TPE', 'PME', 'ETI', 'GE'];
export const SECTOR = ['Industrie', 'Commerce', 'Services', 'Construction', 'Public'];
export const REGION = ['Nord', 'Est', 'Ouest', 'Sud', 'IdF'];
const POPULATION = { size: [3000000, 150000, 5800, 290], sector: [300000, 900000, 1500000, 400000, 56090], region: [600000, 500000, 700000, 800000, 556090] };
const SAMPLE_SHARE = { size: [0.4, 0.3, 0.2, 0.1], sector: [0.2, 0.2, 0.35, 0.15, 0.1], region: [0.2, 0.2, 0.2, 0.2, 0.2] };
export const QUESTIONS = 13;

export const MARGINS = [
  { variable: 'size', population: Object.fromEntries(SIZE.map((l, i) => [l, POPULATION.size[i]])) },
  { variable: 'sector', population: Object.fromEntries(SECTOR.map((l, i) => [l, POPULATION.sector[i]])) },
  { variable: 'region', population: Object.fromEntries(REGION.map((l, i) => [l, POPULATION.region[i]])) },
];

function pick(random: () => number, shares: readonly number[]): number {
  let u = random();
  for (let i = 0; i < shares.length - 1; i++) {
    if (u < shares[i]) return i;
    u -= shares[i];
  }
  return shares.length - 1;
}

/** Writes data-N.csv, cases-N.json and r-N.R into dir; returns their paths. */
export function writeStatsCliJob(dir: string, n: number): { csv: string; cases: string; rScript: string } {
  const random = seededRandom(7 + n);
  const header = ['size', 'sector', 'region', 'base_weight', ...Array.from({ length: QUESTIONS }, (_, q) => `q${q + 1}`)].join(',');
  const chunks: string[] = [header];
  for (let i = 0; i < n; i++) {
    const size = pick(random, SAMPLE_SHARE.size),
      sector = pick(random, SAMPLE_SHARE.sector),
      region = pick(random, SAMPLE_SHARE.region);
    let row = `${SIZE[size]},${SECTOR[sector]},${REGION[region]},${((1 + 3 * random()) * (3156090 / 2.5 / n)).toPrecision(8)}`;
    for (let q = 0; q < QUESTIONS; q++) {
      if (random() < 0.03) row += ',NA';
      else row += q % 2 === 0 ? (random() < 0.3 + 0.1 * size + 0.02 * q ? ',Oui' : ',Non') : `,${['A', 'B', 'C', 'D'][Math.min(3, Math.floor(random() * 3.6 + 0.1 * sector))]}`;
    }
    chunks.push(row);
  }
  const csv = join(dir, `data-${n}.csv`);
  writeFileSync(csv, chunks.join('\n') + '\n');
  const calibration = { type: 'rake', margins: MARGINS };
  const cases = [];
  for (let q = 1; q <= QUESTIONS; q++) {
    const common = { data: `data-${n}.csv`, design: { weights: 'base_weight' }, calibration };
    cases.push({ id: `q${q}`, ...common, estimate: { kind: 'proportion', variable: `q${q}` } });
    cases.push({ id: `q${q}-by-region`, ...common, estimate: { kind: 'proportion', variable: `q${q}`, by: 'region' } });
  }
  const casesPath = join(dir, `cases-${n}.json`);
  writeFileSync(casesPath, JSON.stringify({ cases }));
  const rScript = join(dir, `r-${n}.R`);
  writeFileSync(rScript, rJob(csv));
  return { csv, cases: casesPath, rScript };
}

/**
 * The same job in R: svydesign, calibrate(calfun = "raking"), svymean and svyby(svymean) per question. Prints
 * one line per value in the order `barometre stats` writes its results: per case, per domain (by), per level,
 * "estimate se".
 */
function rJob(csv: string): string {
  const total = Object.values(MARGINS[0].population).reduce((a, b) => a + b, 0);
  const population = MARGINS.flatMap((m) =>
    Object.entries(m.population)
      .slice(1)
      .map(([level, count]) => `${m.variable}${level} = ${count}`),
  );
  const levels = (name: string, values: readonly string[]) => `d$${name} <- factor(d$${name}, levels = c(${values.map((l) => `"${l}"`).join(', ')}))`;
  return `suppressMessages(library(survey))
d <- read.csv("${csv}", stringsAsFactors = TRUE)
${levels('size', SIZE)}
${levels('sector', SECTOR)}
${levels('region', REGION)}
des <- svydesign(ids = ~1, weights = ~base_weight, data = d)
cal <- calibrate(des, ~size + sector + region, population = c("(Intercept)" = ${total}, ${population.join(', ')}), calfun = "raking", epsilon = 1e-13, maxit = 200)
out <- c()
for (q in 1:${QUESTIONS}) {
  f <- as.formula(paste0("~q", q))
  m <- svymean(f, cal, na.rm = TRUE)
  out <- c(out, rbind(coef(m), SE(m)))
  b <- svyby(f, ~region, cal, svymean, na.rm = TRUE)
  k <- nlevels(d[[paste0("q", q)]])
  est <- as.matrix(b[, 1 + seq_len(k)]); se <- as.matrix(b[, 1 + k + seq_len(k)])
  for (r in seq_len(nrow(b))) out <- c(out, rbind(est[r, ], se[r, ]))
}
cat(format(out, digits = 17), sep = "\\n")
`;
}

if (process.argv[1]?.endsWith('stats-cli-data.ts')) {
  const [dir, n] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(writeStatsCliJob(dir, Number(n))) + '\n');
}
