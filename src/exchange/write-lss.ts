// Write a LimeSurvey survey structure (.lss) from its tables: the inverse of lss-tables.ts, used by the
// .lss export of a study (export-lss.ts) and by the tests' corpus. Two layouts, as LimeSurvey wrote them:
// 'l10n' (4.x and later: texts in group_l10ns, question_l10ns, answer_l10ns) and 'legacy' (2.x–3.x: one
// row per language in groups, questions, subquestions and answers).

type Texts = Readonly<Record<string, string>>;

export interface LssSubquestion {
  readonly qid: number;
  readonly title: string;
  readonly text: Texts;
  readonly scale?: number;
}

export interface LssAnswer {
  readonly code: string;
  readonly text: Texts;
  readonly scale?: number;
}

export interface LssQuestionSpec {
  readonly qid: number;
  readonly type: string;
  readonly title: string;
  readonly text: Texts;
  readonly help?: Texts;
  readonly mandatory?: 'Y' | 'N' | 'S';
  readonly other?: 'Y' | 'N';
  readonly relevance?: string;
  readonly preg?: string;
  readonly subquestions?: readonly LssSubquestion[];
  readonly answers?: readonly LssAnswer[];
  /** attributes without a language: hidden, array_filter, exclude_all_others, min_answers, … */
  readonly attributes?: Readonly<Record<string, string>>;
  /** attributes by language: other_replace_text, … */
  readonly attributeTexts?: Readonly<Record<string, Texts>>;
  /** the condition designer's rows */
  readonly conditions?: readonly { readonly cfieldname: string; readonly method: string; readonly value: string; readonly scenario?: number }[];
}

export interface LssGroupSpec {
  readonly gid: number;
  readonly name: Texts;
  readonly relevance?: string;
  readonly questions: readonly LssQuestionSpec[];
}

export interface LssSurveySpec {
  readonly sid: number;
  /** base language first */
  readonly languages: readonly string[];
  readonly layout?: 'l10n' | 'legacy';
  readonly title: Texts;
  readonly description?: Texts;
  readonly groups: readonly LssGroupSpec[];
  readonly quotas?: number;
  readonly assessments?: number;
}

const cdata = (value: string | number) => `<![CDATA[${String(value).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function section(name: string, rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const fieldList = fields.map((f) => `   <fieldname>${f}</fieldname>\n`).join('');
  const body = rows.map((r) => ` <row>\n${fields.map((f) => (r[f] === undefined ? '' : `    <${f}>${cdata(r[f])}</${f}>\n`)).join('')}   </row>\n`).join('  ');
  return ` <${name}>\n  <fields>\n${fieldList}  </fields>\n  <rows>\n  ${body}  </rows>\n </${name}>\n`;
}

/** The .lss document of a survey described table by table. */
export function writeLss(spec: LssSurveySpec): string {
  const legacy = spec.layout === 'legacy';
  const langs = spec.languages;
  const text = (texts: Texts | undefined, lang: string) => texts?.[lang] ?? '';
  const groups: Record<string, string | number>[] = [];
  const groupL10n: Record<string, string | number>[] = [];
  const questions: Record<string, string | number>[] = [];
  const subquestions: Record<string, string | number>[] = [];
  const questionL10n: Record<string, string | number>[] = [];
  const answers: Record<string, string | number>[] = [];
  const answerL10n: Record<string, string | number>[] = [];
  const attributes: Record<string, string | number>[] = [];
  const conditions: Record<string, string | number>[] = [];
  let aid = 1;
  let l10nId = 1;
  let cid = 1;
  spec.groups.forEach((g, gOrder) => {
    const group = { gid: g.gid, sid: spec.sid, group_order: gOrder + 1, randomization_group: '', grelevance: g.relevance ?? '' };
    if (legacy) for (const l of langs) groups.push({ ...group, group_name: text(g.name, l), description: '', language: l });
    else {
      groups.push(group);
      for (const l of langs) groupL10n.push({ id: l10nId++, gid: g.gid, group_name: text(g.name, l), description: '', language: l });
    }
    g.questions.forEach((q, qOrder) => {
      const row = {
        qid: q.qid,
        parent_qid: 0,
        sid: spec.sid,
        gid: g.gid,
        type: q.type,
        title: q.title,
        preg: q.preg ?? '',
        other: q.other ?? 'N',
        mandatory: q.mandatory ?? 'N',
        encrypted: 'N',
        question_order: qOrder + 1,
        scale_id: 0,
        same_default: 0,
        relevance: q.relevance ?? '1',
        modulename: '',
      };
      if (legacy) for (const l of langs) questions.push({ ...row, question: text(q.text, l), help: text(q.help, l), language: l });
      else {
        questions.push(row);
        for (const l of langs) questionL10n.push({ id: l10nId++, qid: q.qid, question: text(q.text, l), help: text(q.help, l), language: l });
      }
      (q.subquestions ?? []).forEach((s, sOrder) => {
        const sub = {
          ...row,
          qid: s.qid,
          parent_qid: q.qid,
          type: 'T',
          title: s.title,
          question_order: sOrder + 1,
          scale_id: s.scale ?? 0,
          relevance: '1',
          mandatory: 'N',
          other: 'N',
        };
        if (legacy) for (const l of langs) subquestions.push({ ...sub, question: text(s.text, l), help: '', language: l });
        else {
          subquestions.push(sub);
          for (const l of langs) questionL10n.push({ id: l10nId++, qid: s.qid, question: text(s.text, l), help: '', language: l });
        }
      });
      (q.answers ?? []).forEach((a, aOrder) => {
        const answer = { aid: aid++, qid: q.qid, code: a.code, sortorder: aOrder + 1, assessment_value: 0, scale_id: a.scale ?? 0 };
        if (legacy)
          for (const l of langs)
            answers.push({ qid: q.qid, code: a.code, answer: text(a.text, l), sortorder: aOrder + 1, assessment_value: 0, language: l, scale_id: a.scale ?? 0 });
        else {
          answers.push(answer);
          for (const l of langs) answerL10n.push({ id: l10nId++, aid: answer.aid, answer: text(a.text, l), language: l });
        }
      });
      for (const [attribute, value] of Object.entries(q.attributes ?? {})) attributes.push({ qid: q.qid, attribute, value, language: '' });
      for (const [attribute, texts] of Object.entries(q.attributeTexts ?? {}))
        for (const l of langs) attributes.push({ qid: q.qid, attribute, value: text(texts, l), language: l });
      for (const c of q.conditions ?? [])
        conditions.push({ cid: cid++, qid: q.qid, cqid: 0, cfieldname: c.cfieldname, method: c.method, value: c.value, scenario: c.scenario ?? 1 });
    });
  });
  const survey = {
    sid: spec.sid,
    gsid: 1,
    admin: 'Administrator',
    active: 'N',
    anonymized: 'N',
    format: 'G',
    language: langs[0],
    additional_languages: langs.slice(1).join(' '),
    datestamp: 'Y',
    usecookie: 'N',
  };
  const settings = langs.map((l) => ({
    surveyls_survey_id: spec.sid,
    surveyls_language: l,
    surveyls_title: text(spec.title, l),
    surveyls_description: text(spec.description, l),
    surveyls_welcometext: '',
    surveyls_endtext: '',
    surveyls_dateformat: 1,
    surveyls_numberformat: 0,
  }));
  const quotas = Array.from({ length: spec.quotas ?? 0 }, (_, k) => ({ id: k + 1, sid: spec.sid, name: `Quota ${k + 1}`, qlimit: 100, active: 1, action: 1 }));
  const assessments = Array.from({ length: spec.assessments ?? 0 }, (_, k) => ({
    id: k + 1,
    sid: spec.sid,
    scope: 'T',
    gid: 0,
    name: `Score ${k + 1}`,
    minimum: 0,
    maximum: 10,
    message: '',
    language: langs[0],
  }));
  return `<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <DBVersion>${legacy ? 366 : 624}</DBVersion>
 <languages>
${langs.map((l) => `  <language>${l}</language>\n`).join('')} </languages>
${section('answers', answers)}${section('answer_l10ns', answerL10n)}${section('assessments', assessments)}${section('conditions', conditions)}${section('groups', groups)}${section('group_l10ns', groupL10n)}${section('questions', questions)}${section('subquestions', subquestions)}${section('question_l10ns', questionL10n)}${section('question_attributes', attributes)}${section('quota', quotas)}${section('surveys', [survey])}${section('surveys_languagesettings', settings)}</document>
`;
}
