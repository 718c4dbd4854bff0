import { readFile, realpath } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { StudyIssue } from '../study/index.js';

const IMAGE_TYPES: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml' };
/** The largest logo file read (its data: URI stays under the schema's limit). */
const MAX_LOGO_BYTES = 360_000;

/** A study file's text with `branding.logo` inlined, or the reason it cannot be. */
export type InlinedStudyText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errors: readonly StudyIssue[] };

/**
 * A study file may name its logo by a path inside its own folder (`"branding": { "logo": "logo.svg" }`):
 * the file is read and the document gets it as a data: URI, which is what is stored and validated. A path
 * that leaves the folder (absolute, `..`, a link pointing out), a missing file, another type than PNG, JPEG
 * or SVG, or a file over 360 kB is an error at `branding.logo`. A document that is not JSON, or whose logo is
 * absent or already a data: URI, is returned as it was (validation reports the rest).
 */
export async function inlineStudyLogo(text: string, file: string): Promise<InlinedStudyText> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: true, text };
  }
  const branding = (document as { branding?: { logo?: unknown } } | null)?.branding;
  const logo = branding?.logo;
  if (typeof logo !== 'string' || logo === '' || logo.startsWith('data:')) return { ok: true, text };
  const fail = (message: string): InlinedStudyText => ({ ok: false, errors: [{ path: 'branding.logo', message }] });
  const folder = dirname(resolve(file));
  if (isAbsolute(logo) || /^[a-z][a-z0-9+.-]*:/i.test(logo)) return fail(`"${logo}": a logo path is relative to the study file's folder`);
  const type = IMAGE_TYPES[extname(logo).toLowerCase()];
  if (!type) return fail(`"${logo}": a logo is a .png, .jpg or .svg file`);
  let bytes: Buffer;
  try {
    const [root, target] = await Promise.all([realpath(folder), realpath(resolve(folder, logo))]);
    const inside = relative(root, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return fail(`"${logo}" is outside the study file's folder`);
    bytes = await readFile(target);
  } catch (error) {
    return fail(`"${logo}" cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (bytes.length > MAX_LOGO_BYTES) return fail(`"${logo}" is ${Math.round(bytes.length / 1000)} kB; a logo is at most ${MAX_LOGO_BYTES / 1000} kB`);
  const inlined = { ...(document as object), branding: { ...branding, logo: `data:${type};base64,${bytes.toString('base64')}` } };
  return { ok: true, text: JSON.stringify(inlined) };
}
