import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { Wave } from '../store/index.js';
import { logicStudy } from '../study/logic-study.test-helper.js';
import type { ExportOptions, ExportSource } from './export-source.js';
import { exportVariables } from './export-variables.js';
import { writeCodebook } from './write-codebook.js';

const study = logicStudy();
const source = {
  kind: 'export-source',
  study,
  wave: { code: 'w1' } as Wave,
  dictionary: exportVariables(study),
  weights: null,
  lang: 'en',
} as unknown as ExportSource;

async function codebook(options: ExportOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await writeCodebook(source, out, options);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the codebook', () => {
  it('says each variable’s display condition in words, page conditions and carry forward included', async () => {
    const lines = (await codebook()).split('\r\n');
    const head = lines[0]!.split(',');
    assert.deepEqual(
      head.filter((c) => c.startsWith('condition_')),
      ['condition_en', 'condition_fr'],
    );
    const cell = (variable: string, column: string) => {
      const line = lines.find((l) => l.startsWith(`${variable},`))!;
      // the cells asserted here hold no separator, so a split reads them
      return line.split(',')[head.indexOf(column)];
    };
    assert.equal(cell('income', 'condition_en'), 'On a page shown if “Age” is at least 18');
    assert.equal(cell('income', 'condition_fr'), 'Sur une page affichée si «\u00a0Âge\u00a0» vaut au moins 18');
    assert.equal(cell('rating_beta', 'condition_en'), 'Shown if “Brands you use” includes “Beta”');
    assert.equal(cell('age', 'condition_en'), '');
    assert.match(
      await codebook({ codebookFormat: 'markdown' }),
      /## comment\n\n- question \(en\): Why not\?\n[\s\S]*?- asked \(en\): Shown if “Member\?” is not answered or “Member\?” is not “Yes”\n/,
    );
  });
});
