/**
 * What the CLI says about each command, in the order `barometre --help` lists them: its name, its one-line
 * summary and its --help text. This is where they are written: the command table (index.ts) lists them
 * without loading any command, and each command module takes its own with `commandText(name)`. The few
 * modules that compose their help from their own constants (the built-in studies, the demo's defaults) keep
 * it, and a test (src/cli/commands/index.test.ts) checks that this file says the same. No import here: a
 * command module that reads its text loads nothing else.
 */
export interface CommandText {
  /** e.g. "db migrate", "study validate" */
  readonly name: string;
  /** one line for the command list */
  readonly summary: string;
  /** full --help text */
  readonly help: string;
}

const FORMATS_HELP = `--from native (default) reads a Baromètre study document (JSON); --from limesurvey converts a LimeSurvey
.lss questionnaire and --from surveyjs a SurveyJS survey JSON, --from xlsform an XLSForm .xlsx on the way in, with the importers of
\`barometre import limesurvey|surveyjs|xlsform\` (constructs left out are printed as warnings on stderr). --id
STUDY-ID names the study of an import (its title gives one otherwise); a native file must carry that id.
--accept-losses stores an import even when a construct left out changes who sees what.`;

const VERSION_HELP = `The version number is the database's: the file's own "version" field is ignored and replaced by the
number the version is stored under, so a stored document always carries its version. A file identical
to the latest version (apart from that number) stores nothing and prints "unchanged" (exit 0).
Stored versions never change: waves keep the version they were opened with.`;

/** The texts of `study add` and `study update`, which share most of their help. */
function studyStoreText(mode: 'add' | 'update'): CommandText {
  return {
    name: `study ${mode}`,
    summary:
      mode === 'add'
        ? 'store a new study from a file (native JSON, LimeSurvey .lss, SurveyJS, XLSForm)'
        : 'store a new version of a stored study from a file, and list what changed',
    help: `Usage: barometre study ${mode} FILE [--from native|limesurvey|surveyjs|xlsform] [--id STUDY-ID] [--accept-losses]

${
  mode === 'add'
    ? 'Stores the study of FILE in the database as its version 1. A study whose id is already stored is\nrefused (exit 2): use `barometre study update FILE` to store a new version of it.'
    : 'Stores FILE as the next version of a stored study and prints what changed since the previous version\n(pages and questions added, removed, moved or reworded, options, languages, cuts, margins, indicators).\nA study that is not stored yet is refused (exit 2): use `barometre study add FILE`.'
}

The file is validated first: on any error, each is printed with its path on stderr, as
  pages[2].questions[4].options[3].code: duplicate code 3
nothing is stored, and the exit status is 2.

${FORMATS_HELP}

${VERSION_HELP}

The audit log records the change (study, version, format). Exit status: 0 stored or unchanged, 2 bad usage
or an invalid file, 1 another failure.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  };
}

/** The texts of `import limesurvey` and `import surveyjs`, which differ only by the format. */
function importText(format: 'limesurvey' | 'surveyjs', described: string): CommandText {
  return {
    name: `import ${format}`,
    summary: `convert a ${described} questionnaire into a study file (constructs left out are listed)`,
    help: `Usage: barometre import ${format} FILE [--id STUDY-ID] [--out STUDY.json] [--accept-losses]

Converts a ${described} questionnaire into a Baromètre study document (question kinds, options with the
source's codes as export codes, display conditions, every language of the file), checks it with the
study validator, and writes it as JSON on stdout or to --out. Every construct left out is printed once
on stderr, grouped by kind ("lost: relevance equation (2)"), with the question and what a respondent
will see differently; the privacy notice is a placeholder to write before fieldwork.

A loss that changes who sees what (a condition or a filter left out) is an error unless --accept-losses
is given.

  --id STUDY-ID      the study's id (its title gives one otherwise)
  --out FILE         write the study document there instead of stdout
  --accept-losses    accept losses that change who sees what

To store it in the database in one step instead: \`barometre study add FILE --from ${format}\`.

Exit status: 0 valid study, 1 the study has errors or losses not accepted (the document is still written,
to fix by hand), 2 bad usage or an unreadable file.`,
  };
}

/** The text of `import xlsform`: the spreadsheet format of ODK and KoboToolbox. */
const IMPORT_XLSFORM_TEXT: CommandText = {
  name: 'import xlsform',
  summary: 'convert an XLSForm (.xlsx of ODK, KoboToolbox) into a study file (what cannot be kept is listed)',
  help: `Usage: barometre import xlsform FILE.xlsx [--id STUDY-ID] [--out STUDY.json] [--accept-losses]

Converts an XLSForm workbook (the survey, choices and settings sheets) into a Baromètre study document,
checks it with the study validator, and writes it as JSON on stdout or to --out. Every language of the
form comes in (label::English (en), label::fr, or the plain label column in default_language); groups
become pages, table-list groups matrices, likert selects scales; relevant becomes display conditions;
choice names are kept as export codes. Every construct that cannot be kept is listed on stderr, grouped
by kind, with what respondents will see differently. A loss that changes who sees what (a relevant or a
choice_filter left out) is an error unless --accept-losses is given.

To store it in the database in one step instead: \`barometre study add FILE.xlsx --from xlsform\`.

Exit status: 0 valid study, 1 the study has errors or refused losses (the document is still written), 2
bad usage or a file that is not a readable XLSForm.`,
};

export const COMMAND_TEXTS: readonly CommandText[] = [
  {
    name: 'start',
    summary: 'what `npm start` runs: migrate, prepare the built-in study and the demo, serve',
    help: `Usage: barometre start [--port N] [--host H]

Migrates the database, makes sure the built-in study exists, generates the demo data when the database
is empty, then serves like \`barometre serve\` (same options and environment).`,
  },
  {
    name: 'serve',
    summary: 'serve the web app (migrates the database first)',
    help: `Usage: barometre serve [--port N] [--host H]

Migrates the database, then serves the questionnaire, the workspace and the public results until
SIGINT (Ctrl-C) or SIGTERM, which let running requests finish and close the database.

Options:
  -p, --port N   port to listen on (default PORT or 3000; 0 picks a free port)
      --host H   address to listen on (default HOST or 0.0.0.0)

Environment: PORT, HOST, DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL, SQLite otherwise),
SECRET_KEY (32+ bytes; generated once into DATA_DIR/secret.key when absent; every node of an installation
must use the same one, or it refuses to start), PUBLIC_URL (the only source of links in e-mails; required with
SMTP_URL unless HOST is a loopback address), TRUST_PROXY (a hop count or proxy addresses/CIDRs; true is
refused), DATABASE_CONNECT_TIMEOUT_MS (5000), DATABASE_STATEMENT_TIMEOUT_MS (60000),
DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS (60000), SMTP_URL, MAIL_FROM, LOW_BASE (30), SUPPRESS_BASE (10).
The app runs a job worker in its process (e-mails to contacts, publication notices) unless JOBS_WORKER=off;
see \`barometre worker\`. See the README's "Several nodes".`,
  },
  {
    name: 'worker',
    summary: 'run the job queue (invitations, reminders, publication notices) in a process of its own',
    help: `Usage: barometre worker [--once]

Runs the jobs of the database's queue: invitations and reminders to a wave's contacts, benchmark notices
after a publication. Each job is claimed by one worker at a time under a lease that its progress extends;
a worker that dies leaves its lease to expire and another one takes the job over, without mailing again a
contact it may have mailed (such contacts are listed as uncertain on the wave's sendings page). A failed
attempt (SMTP 4xx, mail server or database unreachable) is retried with an exponential backoff.

The app runs one worker in its own process by default; for a larger installation, set JOBS_WORKER=off on
the app's nodes and run one or more \`barometre worker\` processes on the same database.

Options:
  --once   run the jobs due now, then exit (exit 1 when one of them failed)

Stops on SIGINT (Ctrl-C) or SIGTERM after the current contact, giving its job back to the queue.

Environment: as \`barometre serve\` (DATABASE_URL, DATA_DIR, SECRET_KEY, SMTP_URL, MAIL_FROM, PUBLIC_URL), and
JOBS_LEASE_SECONDS (60), JOBS_POLL_MS (2000), JOBS_RETRY_BASE_SECONDS (30), SMTP_RATE_PER_MINUTE (0: no limit;\none budget shared by every worker on the database), JOB_FILES_RETENTION_DAYS (7).`,
  },
  {
    name: 'db migrate',
    summary: 'bring the database schema to the latest migration',
    help: `Usage: barometre db migrate

Applies the migrations the database does not have yet, in order, and prints each one applied.
Running it again does nothing. \`barometre serve\` and \`npm start\` also migrate when they start.

Environment: DATA_DIR (./data; SQLite file DATA_DIR/barometre.sqlite), DATABASE_URL (postgres://…
or postgresql://… for PostgreSQL; SQLite when unset).`,
  },
  {
    name: 'study validate',
    summary: 'check a study file (JSON) and list every error with its path',
    help: `Usage: barometre study validate FILE.json

Checks a study document: its shape, every label in French and English, unique variable names and option
codes, display conditions on earlier questions only, indicators on existing questions and codes.

Prints "ok" and exits 0 when the study is valid, with a warning on stderr for each study language that
has no interface catalogue (its interface words fall back to English); otherwise prints each error as
  pages[2].questions[4].options[3].code: duplicate code 3
on stderr and exits 2.`,
  },
  {
    name: 'study export',
    summary: 'print a stored study version (or a built-in study) as JSON',
    help: `Usage: barometre study export ID [--version N]

Prints version N of the stored study ID (the latest without --version) as a JSON document on stdout:
a starting point for the next version, to edit, check with \`barometre study validate\` and store with
\`barometre study update\`. A built-in study that is not stored yet is printed from the code, with
defaults filled in. Built-in studies: social-media-barometer, energy-mobility-barometer.
Exit status: 0, or 2 when the study or the version does not exist.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  },
  {
    name: 'study list',
    summary: 'list the studies in the database with their versions and waves',
    help: `Usage: barometre study list [--json]

Lists every study stored in the database: its latest version and each wave with its status
(draft, fieldwork, closed, published). Built-in studies not stored yet are listed as such
(\`npm start\` stores them). --json prints the same as one JSON document.

Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  },
  studyStoreText('add'),
  studyStoreText('update'),
  {
    name: 'study versions',
    summary: 'list the stored versions of a study and the waves that use each',
    help: `Usage: barometre study versions ID [--json]

Lists every stored version of study ID, oldest first: its number, when it was stored, and the waves
opened with it (a wave keeps its version when the study gets a new one). --json prints the same as one
JSON document. Exit status 2 when the study is not stored.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  },
  {
    name: 'study diff',
    summary: 'list what changed between two stored versions of a study',
    help: `Usage: barometre study diff ID V1 V2 [--json]

Prints what changed from version V1 to version V2 of the stored study ID, one change a line: pages and
questions added, removed, moved or reworded (a text changed in any language, named), options, points and
items added, removed or relabelled, question settings, languages, cuts, margins and indicators.
Prints "no change" when the two documents say the same. --json prints the structured diff.
Exit status 2 when the study or a version does not exist.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  },
  {
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
  },
  {
    name: 'export',
    summary: "export a wave's responses: CSV, codebook, SPSS .sav, Triple-S, JSON Lines",
    help: `Usage: barometre export --study S --wave W --format csv|codebook|sav|triple-s|jsonl --out FILE [options]

Exports the responses of wave W of study S, streamed (memory stays flat whatever the wave's size), with
the raking weight (variable "weight") when the wave has population targets.

Formats:
  csv        UTF-8, RFC 4180, one line per response; texts safe against formula injection
  codebook   every variable, label, code and question wording in the study's languages, and the identifying
             variables left out (CSV, or Markdown when FILE ends in .md)
  sav        SPSS system file: variable and value labels, missing values, measurement levels, the weight,
             multiple choices as dichotomy sets, long texts
  triple-s   Triple-S XML metadata in FILE and the fixed-width data beside it (FILE with .dat)
  jsonl      JSON Lines, one object per response

Options:
  --responses kept|all   kept (default): complete responses not excluded; all: every one, with its status
  --labels               CSV, JSON Lines: labels instead of codes
  --codes source         CSV: the codes of the questionnaire the study was imported from (A1, Y, male)
                         where the study keeps them (default: storage, the numeric codes)
  --separator , or ;     CSV separator (default ,); with ; decimals are written with a comma
  --bom                  CSV: start with a byte-order mark (French Excel)
  --lang TAG             language of labels, one of the study's (default: the study's default language)
  --include-identifying  keep the answers to questions the study flags identifying (names, addresses);
                         left out by default

Environment: DATA_DIR, DATABASE_URL (see \`barometre db migrate --help\`).`,
  },
  {
    name: 'report',
    summary: "write a wave's white paper as a PDF (A4, charts, commentary, methodology, appendix)",
    help: `Usage: barometre report --study S --wave W --out FILE.pdf [--lang fr|en] [--date ISO]

Writes the white paper of wave W of study S: cover, table of contents, key figures, one chapter per theme
with its charts and commentary, the hierarchy of challenges, methodology (sample, fieldwork, weighting,
margins of error by base) and appendix tables with bases. Figures are those of the dashboard.

Options:
  --lang fr|en   language (default: fr)
  --date ISO     the file's creation date (default: now); the same date gives the same bytes

Environment: DATA_DIR, DATABASE_URL (see \`barometre db migrate --help\`).`,
  },
  {
    name: 'import responses',
    summary: 'import responses into a wave: our CSV, a LimeSurvey export, SurveyJS results, or a CSV/.sav with a mapping',
    help: `Usage: barometre import responses --study S --wave W FILE [--from csv|limesurvey|surveyjs] [--separator , or ;] [--skip-invalid]
       barometre import responses --study S --wave W --from mapped --mapping MAP.json FILE.csv|FILE.sav [--skip-invalid]

Reads responses from CSV, one line per response, columns matched by variable name (the columns of
\`barometre export --format csv\`: codes or labels, multiple choices as one 0/1 column per option;
response_id and weight are ignored, status and excluded are read). Every line is checked by the wave's
study. Errors are listed by line and column, and nothing is imported if any line fails, unless
--skip-invalid (then the valid lines are imported).

With --from limesurvey, FILE is a LimeSurvey response export (CSV, question codes as headings, answer
codes as values) of the survey the study was imported from: Q[SQ001] columns, Y for a ticked box, -oth-
and Q[other], Q[1] rank columns; submitdate, startdate and startlanguage give each response's status,
dates and language; LimeSurvey's bookkeeping columns (id, seed, lastpage, ipaddr…) are listed and left out.

With --from surveyjs, FILE holds SurveyJS results (survey.data as saved at onComplete) of the survey the
study was imported from: a JSON array of results, an object holding it in "data", "Data" or "results", or
one result per line (newline-delimited JSON). A result is the answers themselves, keyed by question name
({"q1": "item2", "q2": ["a", "other"], "q2-Comment": "…", "matrix": {"row1": "col2"}, "rank": ["c", "a"]}),
or a wrapper holding them in "data" (or "surveyResult") beside metadata. SurveyJS results carry no dates
nor language by default: a response is then complete, dated by the import, in the study's first language
(the survey's default locale). These keys are read when present and no question has the name: startedAt,
completedAt or createdAt (ISO 8601, UTC without a zone, or milliseconds), locale or language, and
isPartialCompleted (true: a partial response); id, _id, postId, clientId, surveyId, updatedAt and the
comments of comment boxes are listed and left out. A record of the wrong shape or a value that is no
choice of its question refuses the file (exit 2), naming the record (its index in the array, from 0, or
its line) and the key; a key naming no question is refused by name (exit 1). Line N of the other errors
is record N-2 when no text holds a line break.

With --from mapped, FILE is a CSV or SPSS .sav file of other column names and codes (a past wave from
another tool), and MAP.json says how its columns map to the study's questions:
  {
    "format": "csv",               csv or sav (default: read from the file)
    "separator": ";",              CSV: , ; or a tab (default: guessed from the header)
    "decimal": ",",                CSV: decimal mark of numbers (default: , with ;, else .)
    "encoding": "utf-8",           CSV: utf-8 (default) or windows-1252
    "utcOffset": "+01:00",         zone of dates and times written without one (default +00:00)
    "columns": {
      "Q1": "gender",                                              values: codes, export codes or labels
      "Q5": { "question": "satisfaction", "values": { "1": 5, "2": 4, "99": null } },   recoded
      "Q2_3": { "question": "channels", "option": 3, "selected": ["1"], "notSelected": ["0"] },
      "Q2_OTH": { "question": "channels", "other": true },       the "other, please specify" text
      "Q7A": { "question": "agree", "item": "quality" },         a matrix or multiple numeric item
      "R1": { "question": "priorities", "option": 2 },           a ranking: the rank of option 2
      "SEXE": { "question": "gender", "labels": true },          .sav: read through its value labels
      "FIN": { "paradata": "completed_at", "format": "DD/MM/YYYY HH:mm" },
      "LANG": { "paradata": "language", "values": { "F": "fr", "E": "en" } },
      "ETAT": { "paradata": "status", "values": { "1": "complete", "0": "partial" } }
    },
    "ignore": ["RESPID", "IP"],    columns left out on purpose (listed)
    "complete": true               without a status column: all complete (true), all partial (false), or
                                   complete when a completion date is given ("completed_at")
  }
A question name alone reads the study's codes, export codes or labels; "values" recodes each source value
(every non-empty value must be listed; null means no answer); "option" names a multiple choice's option
(code or export code) whose 0/1 column this is; "item" a matrix or multiple numeric item (or a text grid's
row_column); paradata is one of started_at, completed_at, duration_seconds, language, status, excluded,
exclusion_reason; date formats use YYYY MM DD HH mm ss (default ISO 8601), dates and times of a .sav are read
as SPSS dates, its system-missing values as empty. Every column of the file must be in "columns" or
"ignore", and every column named in "columns" in the file; a mapping naming a question, option or item the
study lacks is refused by its path (columns.Q2_3.option). A value with no recoding or a date not in its
format stops the import, listed by line (a .sav's case n is line n+1), column and value: fix the mapping.
Example:
  barometre import responses --study uses --wave 2019 --from mapped --mapping wave2019.json wave2019.sav

Options:
  --from SOURCE        csv: our CSV export's columns (default); limesurvey: a LimeSurvey response export;
                       surveyjs: SurveyJS results JSON; mapped: a CSV or .sav file with a mapping
  --mapping MAP.json   the mapping file of --from mapped (required with it, refused without it)
  --separator , or ;   the CSV separator of --from csv (default: guessed from the header); with ; a decimal
                       comma is read (refused with another source: its file or mapping says its own)
  --skip-invalid       import the valid lines even when some fail

Exit status: 0 imported, 1 some lines rejected (nothing imported without --skip-invalid), 2 bad usage, or a
file or mapping that cannot be read (nothing imported).`,
  },
  importText('limesurvey', 'LimeSurvey .lss'),
  importText('surveyjs', 'SurveyJS JSON'),
  IMPORT_XLSFORM_TEXT,
  {
    name: 'demo generate',
    summary: 'generate synthetic waves of a study (by default the built-in demo study)',
    help: `Usage: barometre demo generate [--study ID] [--waves CODES] [--n N] [--seed S] [--replace]

Without --study, or with --study social-media-barometer: generates synthetic editions of the built-in
demo study with its calibrated model, through the store: the study is stored if missing, one wave per
year is created with its fieldwork dates and its weighting targets (the population counts of the study's
margins), then N responses per wave are drawn and inserted in batches. Editions before 2017 are
published; 2017 and later are in fieldwork, open for answers.

Respondents are self-selected (some groups strongly over-represented), their answers follow a model
calibrated so that the 2015 wave, raked to the population, reproduces the published 2015 figures; about
15 % stop before the end; a few are speeders or straight-liners. Every response obeys the display logic
and is checked with the study's validation (all of them up to 100,000 per wave; beyond, the first 10,000
and one in 100 after).
The same seed gives the same data, byte for byte, on the same installation: the public ids that
respondents resume with are keyed by its secret, so that the seed alone does not reveal them.

With --study ID of any other stored study (built-in studies are stored first when missing): generates
waves from the study's definition alone. Each code names a period (T3-2025, Q3-2025, 2025-Q3, 2025-09 or
2025) that dates the wave; the latest wave is in fieldwork, the earlier ones published, and each gets its
place in the series. Margin variables follow the wave's population targets when it has some (else the
study's demo targets, else uneven shares), quotas are never exceeded, answers follow the display logic and
correlate through a latent factor per respondent, about 12 % stop before the end, languages spread over the
study's. Every response is checked with the study's validation (all of them up to 100,000 per wave).

Options:
  --study ID     the study (default social-media-barometer)
  --waves LIST   comma-separated years for social-media-barometer (default 2015,2016,2017); wave
                 codes for another study (default its demo seed's, else Q3-2025,Q4-2025,Q1-2026,Q2-2026)
  --n N          responses per wave, partial ones included (default 1200 for social-media-barometer,
                 the demo seed's or 1000 for another study)
  --seed S       random seed, 0 to 4294967295 (default 7)
  --replace      regenerate waves that already exist (their responses are deleted); without it an
                 existing wave is refused

Environment: DATA_DIR (./data, the SQLite file's folder), DATABASE_URL (postgres://… for PostgreSQL),
SECRET_KEY (the server's; generated once into DATA_DIR/secret.key when absent).
Exit codes: 0 done, 1 failure, 2 bad usage, an unknown study, a code naming no period or an existing wave
without --replace.`,
  },
  {
    name: 'demo reset',
    summary: 'delete the demo waves’ responses and generate the default demo again',
    help: `Usage: barometre demo reset

Restores the default demo: the waves 2015, 2016, 2017 of the built-in barometer lose their
responses (demo ones and any others) and get 1200 new demo responses each with seed
7, their dates, targets and statuses set again (published before 2017, 2017 in fieldwork).
The waves T3-2025, T4-2025, T1-2026, T2-2026 of energy-mobility-barometer get 600 new responses each the same way.
Missing waves are created. Other waves are left alone.

Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL), SECRET_KEY (the server's,
which keys the responses' public ids; generated once into DATA_DIR/secret.key when absent).
Exit codes: 0 done, 1 failure, 2 bad usage.`,
  },
  {
    name: 'user add',
    summary: 'create a workspace account (password read from standard input)',
    help: `Usage: barometre user add --role owner|analyst|viewer EMAIL < password-file

Creates a workspace account. The password is the first line of standard input (there is no default
password anywhere): for example
  printf '%s\\n' "$PASSWORD" | barometre user add --role owner admin@example.org
It needs at least 12 characters and is stored as an argon2id hash. The first owner is created this way;
owners add the other accounts in the workspace (/admin/users).
Environment: DATA_DIR, DATABASE_URL.`,
  },
  {
    name: 'user reset-totp',
    summary: "remove an account's two-step sign-in (a lost authenticator device)",
    help: `Usage: barometre user reset-totp EMAIL

Removes the account's TOTP second factor, for an owner who lost the device of their authenticator app:
the next login asks for the password only, and the owner can set up a new device on /admin/account.
Run it on the server, as whoever may read its configuration; it is written to the audit log.
Exit 0 when removed, 2 when there is no such account or it has no second factor.
Environment: DATA_DIR, DATABASE_URL.`,
  },
  {
    name: 'gdpr erase',
    summary: 'erase a person: contacts, leads, links; anonymise (or delete) their responses',
    help: `Usage: barometre gdpr erase --email ADDRESS [--delete-responses]

The right to erasure for one e-mail address, in every wave: deletes the person's contacts, invitations
and invitation links, and white paper leads; anonymises their responses (e-mail, notification e-mail,
organisation, invitation link nulled; the answers to questions the study flags identifying removed; the
address removed from open texts),
which stay in the statistics; or deletes the responses with --delete-responses. The address is also
removed from other respondents' open texts. The audit log records the erasure with counts only.
On SQLite the file is then compacted (VACUUM), so the data is gone from the disk too.
Environment: DATA_DIR, DATABASE_URL.`,
  },
  {
    name: 'gdpr purge',
    summary: 'purge contacts and leads older than RETENTION_MONTHS',
    help: `Usage: barometre gdpr purge [--months N]

Applies the retention rule: deletes the contacts (with their invitations and links) and the white paper
leads created more than N months ago; their responses stay for statistics, without identity. N is
--months, else RETENTION_MONTHS; without either, nothing is purged (exit 2). Run it daily, e.g. from cron.
The audit log records the purge with counts only.
Environment: RETENTION_MONTHS, DATA_DIR, DATABASE_URL.`,
  },
  {
    name: 'backup',
    summary: 'copy the SQLite database to FILE while the server runs (PostgreSQL: use pg_dump)',
    help: `Usage: barometre backup FILE

Writes a consistent copy of the SQLite database (DATA_DIR/barometre.sqlite) to FILE with SQLite's online
backup API: the server may keep running and writing; the copy is the database at one moment. FILE must not
exist. Restore by stopping the server and putting the copy in place of DATA_DIR/barometre.sqlite (removing
its -wal and -shm files).

PostgreSQL (DATABASE_URL set) is refused: back it up with pg_dump, e.g.
  pg_dump --format=custom --file=barometre.dump "$DATABASE_URL"
and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" barometre.dump.
Environment: DATA_DIR, DATABASE_URL.`,
  },
];

/** The name, summary and help text of the command `name`, for its module (`...commandText('stats')`). */
export function commandText(name: string): CommandText {
  const entry = COMMAND_TEXTS.find((e) => e.name === name);
  if (!entry) throw new Error(`no CLI command "${name}" in src/cli/commands/command-texts.ts`);
  return { name: entry.name, summary: entry.summary, help: entry.help };
}
