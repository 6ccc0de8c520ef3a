import { expect } from 'chai';

/** An RFC 9457 problem document as this service writes them (src/http/problem.ts, src/engine/api/problem.ts). */
export interface Problem {
  type?: string;
  status: number;
  title?: string;
  detail?: string;
  instance?: string;
  errors?: Array<{ field: string; message?: string }>;
  [member: string]: unknown;
}

/** An HTTP answer: the kit's raw fetch, HttpSession's call, or anything else with a status, a body and a content type. */
export interface ProblemAnswer {
  status: number;
  body: unknown;
  contentType?: string | null;
  headers?: Headers;
}

/** What a test expects of the problem beyond its status. */
export interface ProblemExpectation {
  /** The fields it names: each in `detail` as `field:` and, together, in `errors`. */
  fields?: string[];
  title?: string;
  /** Text the detail contains, or a pattern it matches. */
  detail?: string | RegExp;
  /** Which of several answers this is, for the failure message. */
  what?: string;
}

/** A fetch Response read as an answer for `expectProblem` (its body parsed where it is JSON). */
export async function answerOf(response: Response): Promise<ProblemAnswer> {
  const text = await response.text();
  return { status: response.status, body: parsedOrText(text), headers: response.headers };
}

function parsedOrText(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/**
 * Asserts a problem of `status` and answers it, for both ways a test meets one: an HTTP answer
 * (application/problem+json with type, status, title and detail), or a call of the official client
 * that must be rejected with it (the client has already parsed the document into its error).
 */
export function expectProblem(call: PromiseLike<unknown>, status: number, expected?: ProblemExpectation): Promise<Problem>;
export function expectProblem(answer: ProblemAnswer, status: number, expected?: ProblemExpectation): Problem;
export function expectProblem(
  subject: PromiseLike<unknown> | ProblemAnswer,
  status: number,
  expected: ProblemExpectation = {},
): Problem | Promise<Problem> {
  if ('then' in subject && typeof subject.then === 'function') return rejection(subject, status, expected);
  return answered(subject as ProblemAnswer, status, expected);
}

function answered(answer: ProblemAnswer, status: number, expected: ProblemExpectation): Problem {
  const about = (what: string) => (expected.what ? `${expected.what}: ${what}` : what);
  expect(answer.status, about(JSON.stringify(answer.body))).to.equal(status);
  expect(answer.contentType ?? answer.headers?.get('content-type') ?? '', about('content type')).to.match(/^application\/problem\+json/);
  const problem = (answer.body ?? {}) as Problem;
  expect(problem).to.include({ type: 'about:blank', status });
  expect(problem.title, 'title').to.be.a('string').and.not.equal('');
  expect(problem.detail, 'detail').to.be.a('string').and.not.equal('');
  return meets(problem, expected);
}

async function rejection(call: PromiseLike<unknown>, status: number, expected: ProblemExpectation): Promise<Problem> {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  expect(error, `expected an HTTP ${status} rejection, but the call succeeded`).to.not.equal(undefined);
  const e = error as { name?: string; status?: unknown; title?: string; detail?: string };
  if (e.name !== 'HttpSdkError' || typeof e.status !== 'number') throw error;
  expect(e.status, `${e.title}: ${e.detail}`).to.equal(status);
  return meets({ status: e.status, title: e.title, detail: e.detail }, expected);
}

function meets(problem: Problem, { fields, title, detail }: ProblemExpectation): Problem {
  if (title !== undefined) expect(problem.title, 'title').to.equal(title);
  if (typeof detail === 'string') expect(problem.detail, 'detail').to.include(detail);
  if (detail instanceof RegExp) expect(problem.detail, 'detail').to.match(detail);
  if (fields && fields.length > 0) {
    for (const field of fields) expect(problem.detail, 'detail').to.include(`${field}:`);
    expect(
      problem.errors?.map((e) => e.field),
      'errors',
    ).to.have.members(fields);
  }
  return problem;
}
