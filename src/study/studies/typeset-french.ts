import { frenchTypography } from '../french-typography.js';

/** Applies French typography to every `fr` text of a study document (its other languages are left as written). */
export function typesetFrench<T>(node: T): T {
  if (Array.isArray(node)) return node.map(typesetFrench) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === 'fr' && typeof value === 'string' ? frenchTypography(value) : typesetFrench(value);
    return out as T;
  }
  return node;
}
