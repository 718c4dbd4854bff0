import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attrs, escapeHtml, html, isHtml, raw, renderToString, safeUrl } from './html.js';

const render = (fragment: ReturnType<typeof html>) => renderToString(fragment);

describe('html', () => {
  it('escapes & < > " \' and the backtick in interpolated text', () => {
    assert.equal(render(html`<p>${'a & b < c > d " e \' f ` g'}</p>`), '<p>a &amp; b &lt; c &gt; d &quot; e &#39; f &#96; g</p>');
  });

  it('neutralises script payloads in text and attribute contexts', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'><svg onload=alert(1)>",
      '`;alert(1)//',
      '</textarea><script>alert(1)</script>',
      '<!--<script>-->',
    ];
    for (const p of payloads) {
      const out = render(html`<div title="${p}" data-x='${p}'>${p}</div>`);
      assert.equal(out.match(/</g)!.length, 2, `one element only for ${p}`);
      assert.doesNotMatch(out, /<script|<img|<svg|<!--/i);
      assert.equal(out.match(/"/g)!.length, 2, `the double-quoted attribute stays closed for ${p}`);
      assert.equal(out.match(/'/g)!.length, 2, `the single-quoted attribute stays closed for ${p}`);
    }
  });

  it('inserts nested html fragments without escaping them again', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(render(html`<p>${inner}</p>`), '<p><b>&lt;i&gt;</b></p>');
  });

  it('joins arrays and escapes their string items', () => {
    const items = ['x', '<y>'].map((s) => html`<li>${s}</li>`);
    assert.equal(render(html`<ul>${items}</ul>`), '<ul><li>x</li><li>&lt;y&gt;</li></ul>');
    assert.equal(render(html`${['<a>', 1]}`), '&lt;a&gt;1');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    assert.equal(render(html`[${null}${undefined}${false}${0}${12.5}]`), '[012.5]');
  });

  it('inserts raw() constants as is', () => {
    assert.equal(render(html`<p>${raw('&nbsp;')}</p>`), '<p>&nbsp;</p>');
  });

  it('quotes unquoted attribute values', () => {
    assert.equal(render(html`<input value=${'a b onfocus=x'}>`), '<input value="a b onfocus=x">');
    assert.equal(render(html`<p>x = ${'5'}</p>`), '<p>x = 5</p>');
  });

  it('refuses javascript: and data: URLs in URL attributes', () => {
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x']) {
      assert.equal(render(html`<a href="${url}">x</a>`), '<a href="about:invalid">x</a>');
    }
    assert.equal(render(html`<a href="${'/results?a=1&b=2'}">x</a>`), '<a href="/results?a=1&amp;b=2">x</a>');
    assert.equal(render(html`<a href="${'https://example.org/'}">x</a>`), '<a href="https://example.org/">x</a>');
    assert.equal(render(html`<p>javascript:${'javascript:1'}</p>`), '<p>javascript:javascript:1</p>');
    assert.equal(safeUrl('mailto:a@b.fr'), 'mailto:a@b.fr');
  });

  it('replaces NUL bytes', () => {
    assert.equal(render(html`${'a\u0000b'}`), 'a\uFFFDb');
  });

  it('decides attribute context as a scan of all the markup before each value would, at every call of a template', () => {
    // the reference: the whole output so far is scanned for each value (what html did before it kept facts per call site)
    const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|poster|xlink:href)\s*=\s*["']?$/i;
    const UNQUOTED_ATTRIBUTE = /\s[^\s"'<>/=]+\s*=\s*$/;
    const piece = (value: unknown, inUrl: boolean): string =>
      value === null || value === undefined || value === false
        ? ''
        : isHtml(value)
          ? value.toString()
          : Array.isArray(value)
            ? value.map((v) => piece(v, inUrl)).join('')
            : escapeHtml(inUrl ? safeUrl(String(value)) : String(value));
    function reference(strings: readonly string[], values: unknown[]): string {
      let out = strings[0]!;
      values.forEach((value, i) => {
        const inTag = out.lastIndexOf('<') > out.lastIndexOf('>');
        const rendered = piece(value, inTag && URL_ATTRIBUTE.test(strings[i]!));
        out += (inTag && UNQUOTED_ATTRIBUTE.test(strings[i]!) ? `"${rendered}"` : rendered) + strings[i + 1]!;
      });
      return out;
    }
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const PARTS = ['<a href="', '<a href=', '" title=', '<input value=', ' class="x">', '>', '<', '</p>', 'text ', " src='", '<img alt="', '"> ', ''];
    const VALUES = [
      () => 'javascript:alert(1)',
      () => 'a<b>"c',
      () => 42,
      () => null,
      () => raw('<b'),
      () => raw('b>'),
      () => raw('<i>x</i>'),
      () => [raw('<'), 'x>'],
      () => html`<span title="${'q'}">`,
      () => attrs({ href: 'javascript:x', id: 'n' }),
      () => '/ok?a=1&b=2',
    ];
    for (let t = 0; t < 300; t++) {
      const strings = Object.assign(
        Array.from({ length: 1 + rand(6) }, () => PARTS[rand(PARTS.length)]! + PARTS[rand(PARTS.length)]!),
        { raw: [] as string[] },
      );
      for (let call = 0; call < 3; call++) {
        const values = Array.from({ length: strings.length - 1 }, () => VALUES[rand(VALUES.length)]!());
        assert.equal(render(html(strings as unknown as TemplateStringsArray, ...values)), reference(strings, values), JSON.stringify(strings));
      }
    }
  });

  it('cannot be faked by an object that looks like a fragment', () => {
    const fake = { toString: () => '<script>alert(1)</script>' };
    assert.equal(render(html`${fake}`), '&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('attrs', () => {
  it('renders boolean attributes and escapes values', () => {
    assert.equal(render(html`<input${attrs({ name: 'q"1', required: true, disabled: false, min: 0, max: null })}>`), '<input name="q&quot;1" required min="0">');
  });

  it('refuses event handler and malformed attribute names', () => {
    assert.throws(() => attrs({ onclick: 'x' }), /refused attribute name/);
    assert.throws(() => attrs({ 'a b': 'x' }), /refused attribute name/);
  });

  it('checks URL attributes', () => {
    assert.equal(render(attrs({ href: 'javascript:alert(1)' })), ' href="about:invalid"');
  });
});
