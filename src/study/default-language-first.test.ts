import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelIn } from './label.js';
import { validateStudy } from './validate-study.js';

const L = (de: string, it: string) => ({ it, de });

describe('defaultLanguageFirst (through validateStudy)', () => {
  it('puts the default language first in every label, so a label read in another language falls back to it', () => {
    const result = validateStudy({
      id: 'order',
      version: 1,
      languages: ['it', 'de'],
      defaultLanguage: 'de',
      title: L('Titel', 'Titolo'),
      description: L('B', 'D'),
      estimatedMinutes: 3,
      privacyNotice: L('P', 'P'),
      pages: [
        {
          id: 'p',
          title: L('Seite', 'Pagina'),
          questions: [
            {
              name: 'q',
              kind: 'single',
              text: L('Frage', 'Domanda'),
              options: [
                { code: 1, label: L('Ja', 'Sì') },
                { code: 2, label: L('Nein', 'No') },
              ],
            },
          ],
        },
      ],
    });
    assert.ok(result.ok, JSON.stringify(result.errors));
    if (!result.ok) return;
    assert.deepEqual(Object.keys(result.study.title), ['de', 'it']);
    const q = result.study.pages[0]!.questions[0]!;
    assert.equal(q.kind === 'single' && labelIn(q.options[0]!.label, 'fr'), 'Ja');
    assert.equal(labelIn(result.study.pages[0]!.title, 'en'), 'Seite');
    assert.equal(labelIn(result.study.pages[0]!.title, 'it'), 'Pagina');
  });
});
