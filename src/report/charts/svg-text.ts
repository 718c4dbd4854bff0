/** Characters XML 1.0 forbids, and the bidirectional controls that could reorder a label's display. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/g;

/** Removes what must never reach a chart or its alternative: XML-invalid controls and bidi overrides. */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE, '');
}

/** Escapes a text for an XML text node or a quoted attribute. */
export function escapeXml(text: string): string {
  return stripUnsafeCharacters(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
