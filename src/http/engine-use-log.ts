import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ACTIVATIONS, engineCallKind, keyedRowOf, processInstanceKeysOf } from '../audit/engine-call.js';
import { PATHWAY_REGISTER } from '../domain/registers.js';
import type { AuditActor } from '../store/audit-repository.js';
import type { EngineCallLog } from '../store/engine-call-log.js';
import { sendEngineProblem } from './engine-problem.js';

/** The role the use log gives a /v2 client: the engine's user is not one of the app's professionals. */
export const ENGINE_CLIENT_ROLE = 'ENGINE_CLIENT';

/**
 * The use log of the embedded engine's /v2, mounted after its credentials are checked: every
 * call that reads or changes case data (src/audit/engine-call.ts), with the engine's user who
 * made it, the method, the path and the status answered, for each case the call named
 * (src/store/engine-call-log.ts) or once without one. A job activation that handed out no
 * job is not logged: it showed nothing, and workers poll all day. Request bodies are not logged.
 *
 * Every call is logged before its answer leaves, so a client that got an answer finds its call
 * in the log; the rows ride the engine's group commit (ENGINE_CALL_LOG), one statement per
 * commit tick rather than one per call. When the log cannot take a read the answer is a 503
 * problem instead, so no case data is read without a trace. A change has already happened in
 * the engine by the time it answers, so its answer goes out as it is (a 503 would invite a
 * retry that creates a second instance or publishes a message twice) and a failed log write
 * is reported as an error in the service's log, for the operator to enter by hand. A crash
 * between a change's commit and its row's (one commit tick) loses the row of a call whose
 * answer never left.
 */
export function engineUseLog(deps: { log: EngineCallLog; logger: Logger; actor: AuditActor }): RequestHandler {
  return (req, res, next) => {
    const kind = engineCallKind(req.method, req.path);
    if (!kind) return next();
    const call = { method: req.method, path: `${req.baseUrl}${req.path}` };
    let logged = false;
    const write = async (responseBody: unknown) => {
      logged = true;
      const row = keyedRowOf(req.path);
      const instanceKeys = [...processInstanceKeysOf(req.body, responseBody)];
      await deps.log(row ? { row, instanceKeys } : { instanceKeys }, {
        actor: deps.actor,
        action: kind.action,
        resource: kind.resource,
        register: PATHWAY_REGISTER,
        call: { ...call, status: res.statusCode },
      });
    };
    const reportFailure = (error: unknown) =>
      deps.logger.error({ err: error, engineCall: { ...call, status: res.statusCode } }, 'a /v2 call could not be written to the use log');

    const sendJson = res.json.bind(res);
    res.json = (body: unknown) => {
      if (ACTIVATIONS.includes(req.path) && isEmptyActivation(body)) {
        logged = true;
        return sendJson(body);
      }
      write(body).then(
        () => sendJson(body),
        (error: unknown) => {
          reportFailure(error);
          if (kind.action === 'UPDATE') return sendJson(body);
          res.json = sendJson;
          sendEngineProblem(
            req,
            res,
            503,
            'Service Unavailable',
            'The read could not be written to the use log, so it is not answered; try again',
          );
        },
      );
      return res;
    };
    // An answer without JSON (a change's 204, a problem) waits for its row as well, and goes out whatever the log said.
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      if (logged) return end(...args);
      write(undefined)
        .catch(reportFailure)
        .finally(() => end(...args));
      return res;
    }) as typeof res.end;
    // 'close' rather than 'finish': a command whose client went away before the answer still ran.
    res.on('close', () => {
      if (!logged) write(undefined).catch(reportFailure);
    });
    next();
  };
}

/** No job handed out: /v2 answers `{ jobs: [] }`, fetchAndLock `[]`. */
function isEmptyActivation(body: unknown): boolean {
  const jobs = Array.isArray(body) ? body : (body as { jobs?: unknown } | null)?.jobs;
  return Array.isArray(jobs) && jobs.length === 0;
}
