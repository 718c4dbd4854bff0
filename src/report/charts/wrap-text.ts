import { measureText } from './text-metrics.js';

/**
 * Breaks a text into lines no wider than `maxWidth` pixels in the chart font, at spaces (greedy). A word
 * wider than the line stays whole on its own line. Spaces inside a word (no-break spaces) are kept.
 * @example wrapText('Mesurer le retour sur investissement', 120, 11) // ['Mesurer le retour sur', 'investissement']
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const words = text
    .trim()
    .split(/[ \t\r\n]+/)
    .filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measureText(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
