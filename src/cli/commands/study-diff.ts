import { storedStudy } from '../../analysis/stored-study.js';
import { openStore } from '../../store/index.js';
import { diffStudies, renderStudyDiff } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { parseVersion } from './study-versions.js';

export const studyDiffCommand: CliCommand = {
  name: 'study diff',
  summary: 'list what changed between two stored versions of a study',
  help: `Usage: barometre study diff ID V1 V2 [--json]

Prints what changed from version V1 to version V2 of the stored study ID, one change a line: pages and
questions added, removed, moved or reworded (a text changed in any language, named), options, points and
items added, removed or relabelled, question settings, languages, cuts, margins and indicators.
Prints "no change" when the two documents say the same. --json prints the structured diff.
Exit status 2 when the study or a version does not exist.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 3) throw new UsageError('expected a study ID and two version numbers');
    const [id, a, b] = positionals;
    const from = parseVersion(a, 'V1');
    const to = parseVersion(b, 'V2');
    const store = await openStore(readCliEnv(io.env));
    try {
      const before = await storedStudy(store, id, from);
      const after = await storedStudy(store, id, to);
      const diff = diffStudies(before.study, after.study);
      io.stdout.write(values.json ? JSON.stringify(diff, null, 2) + '\n' : renderStudyDiff(diff));
      return 0;
    } finally {
      await store.close();
    }
  },
};
