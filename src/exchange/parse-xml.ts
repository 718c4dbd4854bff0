/** An XML element: its name, attributes, child elements and text (CDATA included). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML (and HTML) character references: &amp; &#233; &#xE9; and the five named ones. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? (ref.toLowerCase() === 'nbsp' ? '\u00a0' : whole);
  });
}

/**
 * A small non-validating XML parser for data documents (LimeSurvey .lss): elements, attributes, text,
 * CDATA sections, comments, processing instructions and the doctype are handled; namespaces are kept in
 * names. Throws a SyntaxError naming the offset of a malformed or unbalanced tag.
 */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const lt = source.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      top.text += decodeEntities(source.slice(i));
      break;
    }
    if (lt > i) top.text += decodeEntities(source.slice(i, lt));
    if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt);
      if (end < 0) throw new SyntaxError(`parseXml: CDATA not closed at ${lt}`);
      top.text += source.slice(lt + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt);
      if (end < 0) throw new SyntaxError(`parseXml: comment not closed at ${lt}`);
      i = end + 3;
    } else if (source.startsWith('<?', lt) || source.startsWith('<!', lt)) {
      const end = source.indexOf('>', lt);
      if (end < 0) throw new SyntaxError(`parseXml: declaration not closed at ${lt}`);
      i = end + 1;
    } else if (source.startsWith('</', lt)) {
      const end = source.indexOf('>', lt);
      const name = source.slice(lt + 2, end).trim();
      if (end < 0 || stack.length < 2 || top.name !== name) throw new SyntaxError(`parseXml: unexpected </${name}> at ${lt}`);
      stack.pop();
      i = end + 1;
    } else {
      const end = source.indexOf('>', lt);
      if (end < 0) throw new SyntaxError(`parseXml: tag not closed at ${lt}`);
      let body = source.slice(lt + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const match = /^([^\s/>]+)/.exec(body);
      if (!match) throw new SyntaxError(`parseXml: bad tag at ${lt}`);
      const attributes: Record<string, string> = {};
      for (const a of body.slice(match[1].length).matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attributes[a[1]] = decodeEntities(a[3] ?? a[4] ?? '');
      const element: XmlElement = { name: match[1], attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new SyntaxError(`parseXml: <${stack[stack.length - 1].name}> is not closed`);
  return root;
}

/** The first child element named `name`. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}
