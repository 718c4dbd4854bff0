import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { EXPORT_FORMATS, exportWave, prepareExport, writeTripleS, type ExportOptions } from '../exchange/index.js';
import type { Store, Wave } from '../store/index.js';

/** The options of a wave export, as the export's query string spells them (and as an export job keeps them). */
export const ZExportQuery = z.object({
  responses: z.enum(['kept', 'all']).default('kept'),
  labels: z.enum(['0', '1']).default('0'),
  /** source: the codes of the questionnaire the study was imported from (`A1`, `Y`), where it keeps them */
  codes: z.enum(['storage', 'source']).default('storage'),
  separator: z.enum([',', ';']).default(','),
  bom: z.enum(['0', '1']).default('0'),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as fr, en or pt-BR')
    .optional(),
  codebook: z.enum(['csv', 'markdown']).default('csv'),
  /** 1: keep the answers to identifying questions (left out by default) */
  identifying: z.enum(['0', '1']).default('0'),
});
export type ExportQuery = z.infer<typeof ZExportQuery>;

/** Content type and file-name suffix of each downloadable export. */
export const EXPORT_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  csv: ['text/csv; charset=utf-8', '.csv'],
  codebook: ['text/csv; charset=utf-8', '-codebook.csv'],
  'codebook-markdown': ['text/markdown; charset=utf-8', '-codebook.md'],
  sav: ['application/x-spss-sav', '.sav'],
  jsonl: ['application/x-ndjson; charset=utf-8', '.jsonl'],
  'triple-s': ['application/xml; charset=utf-8', '.sss'],
  'triple-s-data': ['text/plain; charset=utf-8', '.dat'],
};

/** The formats a download may name: the exports and Triple-S's data file. */
export const DOWNLOAD_FORMATS = [...EXPORT_FORMATS, 'triple-s-data'] as const;

export interface ExportFileSpec {
  readonly format: string;
  /** content type */
  readonly type: string;
  /** the download's file name */
  readonly fileName: string;
  readonly options: ExportOptions;
}

/** What a format and its options name, or undefined for a format that is none of ours (own keys only: not `__proto__`). */
export function exportFileSpec(wave: Wave, format: string, q: ExportQuery): ExportFileSpec | undefined {
  const kind = format === 'codebook' && q.codebook === 'markdown' ? 'codebook-markdown' : format;
  const type = Object.hasOwn(EXPORT_TYPES, kind) ? EXPORT_TYPES[kind] : undefined;
  if (!type) return undefined;
  const base = `${wave.studyId}-${wave.code}`;
  return {
    format,
    type: type[0],
    fileName: `${base.replace(/[^A-Za-z0-9._-]/g, '_')}${type[1]}`,
    options: {
      responses: q.responses,
      labels: q.labels === '1',
      codes: q.codes,
      separator: q.separator,
      bom: q.bom === '1',
      lang: q.lang,
      codebookFormat: q.codebook,
      includeIdentifying: q.identifying === '1',
    },
  };
}

/**
 * Writes a wave's export to a new temporary file and returns its path and a `remove()` that deletes it (the
 * caller's to call). The direct download and the export job both write through here, so they give the
 * same bytes (given the same `now`, the creation time of a .sav header). `onProgress` gets the rows written so far.
 */
export async function writeExportFile(
  store: Store,
  wave: Wave,
  spec: ExportFileSpec,
  onProgress?: (rows: number) => void,
  now?: Date,
): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'barometre-export-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const file = join(dir, 'export');
  // `now`: the creation time a .sav header records (default the present)
  const options = { ...spec.options, onProgress, ...(now && { now }) };
  try {
    const out = createWriteStream(file, { mode: 0o600 });
    const written = finished(out);
    if (spec.format === 'triple-s' || spec.format === 'triple-s-data') {
      const source = await prepareExport(store, wave, options);
      const sink = new PassThrough().resume();
      const [metadata, data] = spec.format === 'triple-s' ? [out, null] : [sink, out];
      await writeTripleS(source, metadata, data, { ...options, dataFile: `${wave.studyId}-${wave.code}.dat` });
    } else {
      await exportWave(store, wave, spec.format as (typeof EXPORT_FORMATS)[number], { out }, options);
    }
    if (!out.writableEnded) out.end();
    await written;
    return { file, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
