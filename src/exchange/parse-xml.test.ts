import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { child, decodeEntities, parseXml } from './parse-xml.js';
import { plainText } from './questionnaire-import.js';

describe('parseXml', () => {
  it('keeps an attribute holding > and < (the hand-written parser dropped it)', () => {
    const doc = parseXml('<?xml version="1.0"?><!-- note --><a rule="x &gt; 1" raw="a>b" lt="1 &lt; 2"><b/></a>');
    assert.deepEqual(child(doc, 'a')!.attributes, { rule: 'x > 1', raw: 'a>b', lt: '1 < 2' });
    assert.equal(child(doc, 'a')!.children[0].name, 'b');
  });

  it('reads text and CDATA, with XML and HTML references decoded', () => {
    const doc = parseXml('<r><t>caf&#233; &amp; th&#xE9;&nbsp;!<![CDATA[<p>x & y</p>]]></t></r>');
    assert.equal(child(child(doc, 'r'), 't')!.text, 'café & thé\u00a0!<p>x & y</p>');
  });

  it('throws a SyntaxError with the position of an unbalanced tag or an undefined entity', () => {
    assert.throws(() => parseXml('<a><b></a>'), /^SyntaxError: parseXml: 1:\d+: unexpected close tag/);
    assert.throws(() => parseXml('<a>&bogus;</a>'), /parseXml: .*undefined entity/);
    assert.throws(() => parseXml('<a>'), /parseXml: /);
  });
});

describe('decodeEntities and plainText', () => {
  it('decode HTML inside labels as the importers read it', () => {
    assert.equal(decodeEntities('&laquo;&nbsp;A&nbsp;&raquo; &#8217; &unknown;'), '«\u00a0A\u00a0» ’ &unknown;');
    assert.equal(plainText('<p>Quel <strong>âge</strong>&nbsp;?<br/>Merci</p>'), 'Quel âge ? Merci');
  });
});
