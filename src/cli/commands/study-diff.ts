import { storedStudy } from '../../analysis/stored-study.js';
import { openStore } from '../../store/index.js';
import { diffStudies, renderStudyDiff } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { parseVersion } from './study-versions.js';
import { commandText } from './command-texts.js';

export const studyDiffCommand: CliCommand = {
  ...commandText('study diff'),
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
