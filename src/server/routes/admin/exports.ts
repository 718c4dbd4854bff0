import type { FastifyPluginAsync } from 'fastify';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { EXPORT_FORMATS, exportWave, prepareExport, writeTripleS } from '../../../exchange/index.js';
import { audit, waveOfRequest } from './admin-helpers.js';

const ZExportQuery = z.object({
  responses: z.enum(['kept', 'all']).default('kept'),
  labels: z.enum(['0', '1']).default('0'),
  separator: z.enum([',', ';']).default(','),
  bom: z.enum(['0', '1']).default('0'),
  lang: z.enum(['fr', 'en']).optional(),
  codebook: z.enum(['csv', 'markdown']).default('csv'),
  /** 1: keep the answers to identifying questions (left out by default) */
  identifying: z.enum(['0', '1']).default('0'),
});

const TYPES: Record<string, [string, string]> = {
  csv: ['text/csv; charset=utf-8', '.csv'],
  codebook: ['text/csv; charset=utf-8', '-codebook.csv'],
  'codebook-markdown': ['text/markdown; charset=utf-8', '-codebook.md'],
  sav: ['application/x-spss-sav', '.sav'],
  jsonl: ['application/x-ndjson; charset=utf-8', '.jsonl'],
  'triple-s': ['application/xml; charset=utf-8', '.sss'],
  'triple-s-data': ['text/plain; charset=utf-8', '.dat'],
};

/**
 * `/admin/waves/:waveId/export/:format` (csv, codebook, sav, jsonl, triple-s, triple-s-data): a download
 * written to a temporary file first and served whole with its Content-Length (memory stays flat; a cut
 * transfer is visibly short), options in the query string
 * (`responses=kept|all`, `labels=1`, `separator=;`, `bom=1`, `lang=en`, `codebook=markdown`, `identifying=1` to keep
 * the answers to identifying questions). Needs the
 * `analyse` permission (exports hold open answers); each download is written to the audit log.
 */
export const exportRoutes: FastifyPluginAsync = async (app) => {
  app.get('/admin/waves/:waveId/export/:format', { config: { permission: 'analyse' } }, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const { format } = request.params as { format: string };
    const parsed = ZExportQuery.safeParse(request.query);
    if (!parsed.success) throw new AppError('INVALID_INPUT', `export options: ${parsed.error.issues[0].message}`);
    const q = parsed.data;
    const kind = format === 'codebook' && q.codebook === 'markdown' ? 'codebook-markdown' : format;
    // own keys only: `__proto__`, `constructor`, `toString` are not formats
    const type = Object.hasOwn(TYPES, kind) ? TYPES[kind] : undefined;
    if (!type) throw new AppError('NOT_FOUND', `no export format "${format}" (${[...EXPORT_FORMATS, 'triple-s-data'].join(', ')})`);
    const options = {
      responses: q.responses,
      labels: q.labels === '1',
      separator: q.separator,
      bom: q.bom === '1',
      lang: q.lang,
      codebookFormat: q.codebook,
      includeIdentifying: q.identifying === '1',
    };
    const base = `${wave.studyId}-${wave.code}`;
    // written to storage first, then served whole with its Content-Length: a transfer cut short can never
    // look complete (the client sees fewer bytes than announced), and memory stays flat
    const dir = await mkdtemp(join(tmpdir(), 'barometre-export-'));
    const file = join(dir, 'export');
    try {
      const out = createWriteStream(file, { mode: 0o600 });
      const written = finished(out);
      if (format === 'triple-s' || format === 'triple-s-data') {
        const source = await prepareExport(app.store, wave, options);
        const sink = new PassThrough().resume();
        const [metadata, data] = format === 'triple-s' ? [out, null] : [sink, out];
        await writeTripleS(source, metadata, data, { ...options, dataFile: `${base}.dat` });
      } else {
        await exportWave(app.store, wave, format as (typeof EXPORT_FORMATS)[number], { out }, options);
      }
      if (!out.writableEnded) out.end();
      await written;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const { size } = await stat(file);
    const body = createReadStream(file);
    body.on('close', () => void rm(dir, { recursive: true, force: true }));
    await audit(app.store, request, 'export', `wave:${wave.id}`, { format, responses: q.responses, identifying: q.identifying === '1' });
    return reply
      .type(type[0])
      .header('content-disposition', `attachment; filename="${base.replace(/[^A-Za-z0-9._-]/g, '_')}${type[1]}"`)
      .header('cache-control', 'no-store')
      .header('content-length', String(size))
      .send(body);
  });
};
