/**
 * A simulated respondent for the crash test: goes through the open-link questionnaire over HTTP with its own
 * client address (X-Forwarded-For behind a trusted proxy), and retries every request that got no answer or
 * a 5xx with the very same form (hence the same page-submission id), as a browser's retry would.
 * It records what the server acknowledged: the answers of every page that got a 2xx, and the finish.
 */
import http from 'node:http';
import { isVisible, type Answers, type Question, type Study } from '../../src/study/index.js';

export interface Questionnaire {
  /** a unique text answered on page 1 (company_name): finds the response without trusting its id */
  readonly marker: string;
  /** from the signed response cookie, once a page was acknowledged */
  publicId?: string;
  /** the answers of acknowledged pages */
  readonly acknowledged: Answers;
  acknowledgedPages: number;
  /** the finish got its thanks page */
  complete: boolean;
  /** the benchmark link of the thanks page */
  benchmarkUrl?: string;
  /** a 4xx where a page was expected (must not happen) */
  rejected?: string;
}

export interface Counters {
  requests: number;
  retries: number;
  acknowledgedPages: number;
}

type Field = [string, string];

export interface RespondentOptions {
  readonly study: Study;
  readonly port: () => number;
  readonly path: string;
  readonly address: string;
  readonly marker: string;
  readonly counters: Counters;
  readonly random: () => number;
  /** stop retrying after this many attempts of one request */
  readonly maxAttempts?: number;
  /** told of every reply's status, or 0 when the request got no reply (refused, reset, timed out) */
  readonly onReply?: (status: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
const hiddenFields = (body: string): Field[] => [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): Field => [m[1]!, decode(m[2]!)]);
const formAction = (body: string) => /<form method="post" action="([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, '&');

/** Valid answers to a page's visible questions, as form fields and as the typed answers the server stores. */
function answerPage(study: Study, pageIndex: number, known: Answers, marker: string, random: () => number): { fields: Field[]; answers: Answers } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const fields: Field[] = [];
  const answers: Answers = {};
  for (const q of study.pages[pageIndex]!.questions as Question[]) {
    if (!isVisible(q, { ...known, ...answers })) continue;
    switch (q.kind) {
      case 'consent':
        answers[q.name] = true;
        fields.push([q.name, 'yes']);
        break;
      case 'single':
      case 'scale': {
        const code = pick(q.kind === 'single' ? q.options : q.points).code;
        answers[q.name] = code;
        fields.push([q.name, String(code)]);
        break;
      }
      case 'matrix':
        for (const item of q.items) {
          const code = pick(q.points).code;
          answers[item.name] = code;
          fields.push([item.name, String(code)]);
        }
        break;
      case 'multiple': {
        const choices = q.options.filter((o) => !q.exclusive.includes(o.code) && o.code !== q.other?.code);
        const codes = [...new Set([pick(choices).code, pick(choices).code])].slice(0, q.maxSelections ?? 2).sort((a, b) => a - b);
        answers[q.name] = codes;
        for (const c of codes) fields.push([q.name, String(c)]);
        break;
      }
      case 'number': {
        const value = Math.round((q.min ?? 0) + random() * Math.min(10, (q.max ?? 10) - (q.min ?? 0)));
        answers[q.name] = value;
        fields.push([q.name, String(value)]);
        break;
      }
      case 'text':
        if (q.name === 'company_name') {
          answers[q.name] = marker;
          fields.push([q.name, marker]);
        }
        break;
    }
  }
  return { fields, answers };
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly cookies: string[];
  /** the Location of a redirect (the questionnaire answers a saved page with 303 to the next page's GET) */
  readonly location?: string;
}

function send(port: number, agent: http.Agent, address: string, cookies: Map<string, string>, method: string, path: string, form?: Field[]): Promise<Reply> {
  const payload = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        timeout: 15_000,
        headers: {
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-forwarded-for': address,
          ...(payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cookies: res.headers['set-cookie'] ?? [], location: res.headers.location }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * One questionnaire from the start page to the thanks page (or until `shouldStop()` between pages).
 * Returns what was acknowledged.
 */
export async function runQuestionnaire(options: RespondentOptions, agent: http.Agent, shouldStop: () => boolean): Promise<Questionnaire> {
  const { study, counters } = options;
  const cookies = new Map<string, string>();
  const result: Questionnaire = { marker: options.marker, acknowledged: {}, acknowledgedPages: 0, complete: false };
  const known: Answers = {};

  /** Sends until the server answers with something other than a 5xx; the same form every time. */
  const reliably = async (method: string, path: string, form?: Field[]): Promise<Reply | undefined> => {
    for (let attempt = 0; attempt < (options.maxAttempts ?? 300); attempt++) {
      if (attempt > 0) {
        counters.retries++;
        await sleep(100 + Math.floor(options.random() * 150));
      }
      counters.requests++;
      try {
        const reply = await send(options.port(), agent, options.address, cookies, method, path, form);
        options.onReply?.(reply.status);
        for (const c of reply.cookies) {
          const pair = c.split(';')[0]!;
          const eq = pair.indexOf('=');
          cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        if (reply.status >= 500) continue;
        return reply;
      } catch {
        // connection refused or reset: the server is down or restarting
        options.onReply?.(0);
      }
    }
    return undefined;
  };

  let reply = await reliably('GET', options.path);
  // the link answers 303 to the page to resume (`?p=0` for a new respondent)
  if (reply?.status === 303 && reply.location !== undefined) reply = await reliably('GET', reply.location);
  for (let guard = 0; guard < 40 && reply; guard++) {
    if (reply.status !== 200) {
      result.rejected = `status ${reply.status} on ${guard === 0 ? 'the start page' : 'a page'}`;
      return result;
    }
    const fields = hiddenFields(reply.body);
    const page = fields.find(([k]) => k === '_page')?.[1];
    const action = formAction(reply.body);
    if (page === undefined || action === undefined) {
      if (/id="benchmark-link"/.test(reply.body)) {
        result.complete = true;
        result.benchmarkUrl = decode(/id="benchmark-link" href="([^"]+)"/.exec(reply.body)?.[1] ?? '');
      } else result.rejected = 'a page without a form';
      return result;
    }
    if (shouldStop()) return result;
    const answered = page === 'review' ? { fields: [], answers: {} } : answerPage(study, Number(page), known, options.marker, options.random);
    Object.assign(known, answered.answers);
    const form: Field[] = [...fields, ...answered.fields, ['_action', page === 'review' ? 'finish' : 'next']];
    reply = await reliably('POST', action, form);
    // a saved page answers 303 See Other (post/redirect/get): the save is acknowledged, the next page is its GET
    const saved = reply?.status === 303 && reply.location !== undefined;
    if (saved) reply = await reliably('GET', reply!.location!);
    if (saved) {
      counters.acknowledgedPages++;
      result.acknowledgedPages++;
      Object.assign(result.acknowledged, answered.answers);
      const cookie = [...cookies].find(([k]) => k.startsWith('rsp'))?.[1];
      if (cookie) {
        const value = decodeURIComponent(cookie);
        result.publicId = value.slice(0, value.lastIndexOf('.'));
      }
    }
  }
  if (!reply) result.rejected = 'no answer after every retry';
  return result;
}
