import { writeFile } from 'node:fs/promises';
import { runReferenceCasesFile } from '../../analysis/reference-cases.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'compute statistical cases (R reference format) and print them with their results',
  help: `Usage: barometre stats CASES.json [--data-dir DIR] [--out FILE]

Reads cases in the format of test/fixtures/r-reference/README.md (a design, an optional calibration and an
estimate per case; "result" absent or present), computes each case and prints the same JSON with "result"
computed, field names as in the reference. Each data file is read once, from DIR (default: the folder of
CASES.json), straight into typed columns; each design and calibration is built once and shared by the cases
that name the same data, filter, design and calibration. A case that cannot be computed (an unknown column, a mean of a text column, ...) gets an "error"
field instead of a result; the other cases still run.

The format is strict: an option that is not computed is refused with an INVALID_CASE error naming the case
and the option, never approximated: an unknown key in a case, its design or its estimate (a misspelt
"strata"), an unknown calibration type, "bounds" not 0 <= L < 1 < U or on "poststratify", "poststratify" on
more than one margin, a chi-square statistic other than "F" or "Chisq" (Wald), "ciprop" by domain. Computed:
calibration "rake", "poststratify", "linear" (GREG), "logit" (as R's calibrate, same calfun): "rake", "linear"
and "logit" take "margins", numeric "totals" ({"column": total}), "populationSize" and "bounds": [L, U] on the
weight ratio (required for "logit"); bounds no weights can meet are an error naming the margin level; mean, total,
proportion (each with "by" and "deff"), ciprop (logit, beta, asin, wald; "conf"), chisq, weights; quantile
(svyquantile: "quantiles", "by", "qrule" math|school|hf1..hf9, "interval" mean|xlogit|asin|beta, "conf"), ratio
(svyratio: "numerator", "denominator", "by"), glm (svyglm: "family" gaussian|quasibinomial|binomial,
"response", "level", "predictors", "factors"), trend (change of a share between two waves of a panel:
"variable", "level", "wave", "from", "to"; the design's "ids" is the respondent id).
Zero weights are accepted (the rows count in no estimate, as in R). At p = 0 or 1, ciprop gives the
Clopper-Pearson interval on the unweighted base, marked "interval": "clopper-pearson".

Options:
  --data-dir DIR   folder of the data files named by the cases
  --out FILE       write the JSON to FILE instead of stdout

Exit status: 0 when every case was computed, 1 when some case has an error (the JSON is still written),
2 for bad usage or an unreadable CASES file.`,
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { 'data-dir': { type: 'string' }, out: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one CASES.json');
    let document;
    try {
      document = runReferenceCasesFile(positionals[0], values['data-dir']);
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
    }
    const json = JSON.stringify(document, null, 2) + '\n';
    if (values.out) await writeFile(values.out, json, 'utf8');
    else io.stdout.write(json);
    const failed = document.cases.filter((c) => c.error !== undefined);
    for (const c of failed) io.stderr.write(`barometre stats: case ${c.id}: ${c.error}\n`);
    if (failed.length > 0) io.stderr.write(`barometre stats: ${failed.length} of ${document.cases.length} cases failed\n`);
    return failed.length > 0 ? 1 : 0;
  },
};
