import {
  ElementInstanceKey,
  IncidentKey,
  JobKey,
  ProcessDefinitionKey,
  ProcessInstanceKey,
  UserTaskKey,
  VariableKey,
} from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { expectProblem } from '../support/problem.js';
import { raw } from '../support/raw.js';
import { type ApiHarness, NOW, startApi } from './harness.js';
import {
  at,
  definitionRow,
  elementRow,
  formRow,
  incidentRow,
  insert,
  instanceRow,
  jobRow,
  nextKey,
  processElementRow,
  userTaskRow,
  variableRow,
} from './rows.js';

/** Every read endpoint, answered from engine rows and checked by the client's strict response validation. */
describe('/v2 router: resources', () => {
  let api: ApiHarness;
  const XML = '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>';
  const v1 = definitionRow({ bpmn_process_id: 'approval', version: 1, name: 'Approval', xml: XML, resource_name: 'approval.bpmn' });
  const v2 = definitionRow({ bpmn_process_id: 'approval', version: 2, name: 'Approval', version_tag: 'v2', has_start_form: true });
  const other = definitionRow({ bpmn_process_id: 'intake', version: 1, name: null });
  const pi = instanceRow(v2);
  const sub = elementRow(pi, { element_id: 'review', element_name: 'Review', type: 'SUB_PROCESS' });
  const task = elementRow(pi, { element_id: 'approve', element_name: 'Approve', type: 'USER_TASK', flow_scope_key: sub.key });
  const service = elementRow(pi, {
    element_id: 'notify',
    element_name: 'Notify',
    type: 'SERVICE_TASK',
    state: 'COMPLETED',
    end_date: at('2026-01-01T10:05:00Z'),
  });
  const form = formRow({ form_id: 'approve-form', version: 3 });
  const userTask = userTaskRow(task, {
    name: 'Approve request',
    assignee: 'kaisa',
    candidate_groups: JSON.stringify(['managers', 'north']),
    candidate_users: JSON.stringify(['alice']),
    form_key: form.key,
    due_date: at('2026-02-01T12:00:00Z'),
    priority: 70,
    custom_headers: JSON.stringify({ kind: 'approval' }),
  });
  // The same list stored as a JSON string holding the array text (as json_populate_recordset writes a stringified array).
  const stringEncoded = userTaskRow(service, {
    candidate_groups: JSON.stringify(JSON.stringify(['auditors'])),
    state: 'COMPLETED',
    completion_date: at('2026-01-01T10:06:00Z'),
  });
  const job = jobRow(service, {
    state: 'COMPLETED',
    worker: 'mailer',
    ended_at: at('2026-01-01T10:05:00Z'),
    deadline: at('2026-01-01T10:10:00Z'),
  });
  const failedJob = jobRow(task, { type: 'check', state: 'FAILED', retries: 0, error_message: 'boom', error_code: null });
  const incident = incidentRow(task, { job_key: failedJob.key, error_message: 'boom' });
  const long = 'x'.repeat(9000);
  const varRoot = variableRow(pi, 'applicant', { name: 'Aino', age: 41 });
  const varLong = variableRow(pi, 'letter', long);
  const varSub = variableRow(pi, 'decision', 'pending', { scope_key: sub.key });
  const varTask = variableRow(pi, 'comment', 'ok', { scope_key: task.key });
  const varElsewhere = variableRow(pi, 'mail', 'sent', { scope_key: service.key });

  before(async () => {
    api = await startApi('api_resources');
    await insert(api.knex, 'process_definitions', v1, v2, other);
    await insert(api.knex, 'forms', form);
    await insert(api.knex, 'process_instances', pi);
    await insert(api.knex, 'element_instances', processElementRow(pi), sub, task, service);
    await insert(api.knex, 'user_tasks', userTask, stringEncoded);
    await insert(api.knex, 'jobs', job, failedJob);
    await insert(api.knex, 'incidents', incident);
    await insert(api.knex, 'variables', varRoot, varLong, varSub, varTask, varElsewhere);
  });

  after(async () => {
    await api.close();
  });

  describe('process definitions', () => {
    it('should search and get definitions', async () => {
      // when
      const all = await api.client.searchProcessDefinitions({ sort: [{ field: 'version', order: 'DESC' }] }, NOW);
      const one = await api.client.getProcessDefinition({ processDefinitionKey: ProcessDefinitionKey.assumeExists(v2.key as string) }, NOW);

      // then
      expect(all.items.map((d) => `${d.processDefinitionId}@${d.version}`)).to.deep.equal(['approval@2', 'approval@1', 'intake@1']);
      expect(one).to.deep.equal({
        name: 'Approval',
        resourceName: 'order.bpmn',
        version: 2,
        versionTag: 'v2',
        processDefinitionId: 'approval',
        tenantId: '<default>',
        processDefinitionKey: v2.key,
        hasStartForm: true,
        state: 'ACTIVE',
      });
    });

    it('should filter the latest versions', async () => {
      // when
      const latest = await api.client.searchProcessDefinitions({ filter: { isLatestVersion: true } }, NOW);
      const older = await api.client.searchProcessDefinitions({ filter: { isLatestVersion: false } }, NOW);

      // then
      expect(latest.items.map((d) => d.processDefinitionKey)).to.deep.equal([v2.key, other.key]);
      expect(older.items.map((d) => d.processDefinitionKey)).to.deep.equal([v1.key]);
    });

    it('should answer the XML as text/xml', async () => {
      // when
      const xml = await api.client.getProcessDefinitionXml(
        { processDefinitionKey: ProcessDefinitionKey.assumeExists(v1.key as string) },
        NOW,
      );
      const response = await raw(api, 'GET', `/v2/process-definitions/${v1.key}/xml`);

      // then
      expect(xml).to.equal(XML);
      expect(response.contentType).to.match(/^text\/xml/);
    });

    it('should answer 404 problems for unknown definitions', async () => {
      // when
      const problem = await expectProblem(
        api.client.getProcessDefinition({ processDefinitionKey: ProcessDefinitionKey.assumeExists('1') }, NOW),
        404,
      );
      const xml = await raw(api, 'GET', '/v2/process-definitions/1/xml');

      // then
      expect(problem).to.deep.equal({ status: 404, title: 'NOT_FOUND', detail: "Process definition with key '1' not found" });
      expectProblem(xml, 404);
    });
  });

  describe('process instances', () => {
    it('should get an instance and answer 404 for an unknown one', async () => {
      // when
      const found = await api.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(pi.key as string) }, NOW);
      const problem = await expectProblem(
        api.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists('2') }, NOW),
        404,
      );

      // then
      expect(found).to.include({
        processInstanceKey: pi.key,
        processDefinitionName: 'Approval',
        processDefinitionVersionTag: 'v2',
        state: 'ACTIVE',
      });
      expect(problem).to.include({ status: 404, title: 'NOT_FOUND' });
    });
  });

  describe('element instances', () => {
    it('should list the elements below the process level, filtered by scope', async () => {
      // when
      const all = await api.client.searchElementInstances(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(pi.key as string) } },
        NOW,
      );
      const inSub = await api.client.searchElementInstances(
        { filter: { elementInstanceScopeKey: ElementInstanceKey.assumeExists(sub.key as string) } },
        NOW,
      );
      const done = await api.client.searchElementInstances({ filter: { state: 'COMPLETED', type: 'SERVICE_TASK' } }, NOW);

      // then
      expect(all.items.map((e) => e.elementId)).to.deep.equal(['review', 'approve', 'notify']);
      expect(inSub.items.map((e) => e.elementId)).to.deep.equal(['approve']);
      expect(done.items.map((e) => e.elementId)).to.deep.equal(['notify']);
    });

    it('should get an element instance, not the process instance itself', async () => {
      // when
      const found = await api.client.getElementInstance(
        { elementInstanceKey: ElementInstanceKey.assumeExists(service.key as string) },
        NOW,
      );
      const processLevel = await expectProblem(
        api.client.getElementInstance({ elementInstanceKey: ElementInstanceKey.assumeExists(pi.key as string) }, NOW),
        404,
      );

      // then
      expect(found).to.deep.equal({
        processDefinitionId: 'approval',
        startDate: '2026-01-01T10:00:01.000Z',
        endDate: '2026-01-01T10:05:00.000Z',
        elementId: 'notify',
        elementName: 'Notify',
        type: 'SERVICE_TASK',
        state: 'COMPLETED',
        hasIncident: false,
        tenantId: '<default>',
        elementInstanceKey: service.key,
        processInstanceKey: pi.key,
        rootProcessInstanceKey: pi.key,
        processDefinitionKey: v2.key,
        incidentKey: null,
      });
      expect(processLevel.status).to.equal(404);
    });
  });

  describe('variables', () => {
    it('should cut long values in searches and say so, unless truncation is off', async () => {
      // when
      const cut = await api.client.searchVariables({ filter: { name: 'letter' } }, NOW);
      const whole = await api.client.searchVariables({ filter: { name: 'letter' }, truncateValues: false }, NOW);
      const truncated = await api.client.searchVariables({ filter: { isTruncated: true } }, NOW);

      // then
      expect(cut.items[0]!.value).to.have.length(8192);
      expect(cut.items[0]!.isTruncated).to.equal(true);
      expect(whole.items[0]!.value).to.equal(JSON.stringify(long));
      expect(whole.items[0]!.isTruncated).to.equal(false);
      expect(truncated.items.map((v) => v.name)).to.deep.equal(['letter']);
    });

    it('should answer values as JSON text and filter by value', async () => {
      // when
      const byValue = await api.client.searchVariables({ filter: { value: '"pending"' } }, NOW);
      const byScope = await api.client.searchVariables({ filter: { scopeKey: ElementInstanceKey.assumeExists(task.key as string) } }, NOW);

      // then
      expect(byValue.items.map((v) => v.name)).to.deep.equal(['decision']);
      expect(byScope.items).to.deep.equal([
        {
          name: 'comment',
          tenantId: '<default>',
          variableKey: varTask.key,
          scopeKey: task.key,
          processInstanceKey: pi.key,
          rootProcessInstanceKey: pi.key,
          value: '"ok"',
          isTruncated: false,
        },
      ]);
    });

    it('should get a variable with its full value', async () => {
      // when
      const found = await api.client.getVariable({ variableKey: VariableKey.assumeExists(varLong.key as string) }, NOW);
      const object = await api.client.getVariable({ variableKey: VariableKey.assumeExists(varRoot.key as string) }, NOW);

      // then
      expect(found.value).to.equal(JSON.stringify(long));
      expect(JSON.parse(object.value)).to.deep.equal({ name: 'Aino', age: 41 });
      await expectProblem(api.client.getVariable({ variableKey: VariableKey.assumeExists('3') }, NOW), 404);
    });

    it('should reject a truncateValues that is not a boolean', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/variables/search?truncateValues=maybe', { json: {} });

      // then
      expect(response.status).to.equal(400);
      expect(response.body?.detail).to.equal("The value for truncateValues is 'maybe' but must be true or false.");
    });
  });

  describe('user tasks', () => {
    it('should get a task in the API shape', async () => {
      // when
      const found = await api.client.getUserTask({ userTaskKey: UserTaskKey.assumeExists(userTask.key as string) }, NOW);

      // then
      expect(found).to.deep.equal({
        name: 'Approve request',
        state: 'CREATED',
        assignee: 'kaisa',
        elementId: 'approve',
        candidateGroups: ['managers', 'north'],
        candidateUsers: ['alice'],
        processDefinitionId: 'approval',
        creationDate: '2026-01-01T10:00:03.000Z',
        completionDate: null,
        followUpDate: null,
        dueDate: '2026-02-01T12:00:00.000Z',
        tenantId: '<default>',
        externalFormReference: null,
        processDefinitionVersion: 1,
        customHeaders: { kind: 'approval' },
        priority: 70,
        userTaskKey: userTask.key,
        elementInstanceKey: task.key,
        processName: 'Order',
        processDefinitionKey: v2.key,
        processInstanceKey: pi.key,
        rootProcessInstanceKey: pi.key,
        formKey: form.key,
        tags: [],
      });
    });

    it('should filter by candidate group and user, whichever way the list is stored', async () => {
      // when
      const managers = await api.client.searchUserTasks({ filter: { candidateGroup: 'managers' } }, NOW);
      const auditors = await api.client.searchUserTasks({ filter: { candidateGroup: { $in: ['auditors', 'nobody'] } } }, NOW);
      const notManagers = await api.client.searchUserTasks({ filter: { candidateGroup: { $neq: 'managers' } } }, NOW);
      const alice = await api.client.searchUserTasks({ filter: { candidateUser: { $like: 'al*' } } }, NOW);
      const stored = await api.client.getUserTask({ userTaskKey: UserTaskKey.assumeExists(stringEncoded.key as string) }, NOW);

      // then
      expect(managers.items.map((t) => t.userTaskKey)).to.deep.equal([userTask.key]);
      expect(auditors.items.map((t) => t.userTaskKey)).to.deep.equal([stringEncoded.key]);
      expect(notManagers.items.map((t) => t.userTaskKey)).to.deep.equal([stringEncoded.key]);
      expect(alice.items.map((t) => t.userTaskKey)).to.deep.equal([userTask.key]);
      expect(stored.candidateGroups).to.deep.equal(['auditors']);
    });

    it('should filter by state, assignee, dates and variables, and sort', async () => {
      // when
      const created = await api.client.searchUserTasks({ filter: { state: 'CREATED', assignee: 'kaisa' } }, NOW);
      const due = await api.client.searchUserTasks({ filter: { dueDate: { $gt: '2026-01-15T00:00:00Z' } } }, NOW);
      const byLocal = await api.client.searchUserTasks({ filter: { localVariables: [{ name: 'comment', value: '"ok"' }] } }, NOW);
      const byProcess = await api.client.searchUserTasks(
        { filter: { processInstanceVariables: [{ name: 'applicant', value: { $like: '*Aino*' } }] } },
        NOW,
      );
      const byPriority = await api.client.searchUserTasks({ sort: [{ field: 'priority', order: 'DESC' }] }, NOW);

      // then
      expect(created.items.map((t) => t.userTaskKey)).to.deep.equal([userTask.key]);
      expect(due.items.map((t) => t.userTaskKey)).to.deep.equal([userTask.key]);
      expect(byLocal.items.map((t) => t.userTaskKey)).to.deep.equal([userTask.key]);
      expect(byProcess.items.map((t) => t.userTaskKey)).to.deep.equal([userTask.key, stringEncoded.key]);
      expect(byPriority.items.map((t) => t.priority)).to.deep.equal([70, 50]);
    });

    it("should answer the task's form, or 204 when it has none", async () => {
      // when
      const found = await api.client.getUserTaskForm({ userTaskKey: UserTaskKey.assumeExists(userTask.key as string) }, NOW);
      const none = await raw(api, 'GET', `/v2/user-tasks/${stringEncoded.key}/form`);

      // then
      expect(found).to.deep.equal({ tenantId: '<default>', formId: 'approve-form', schema: form.schema, version: 3, formKey: form.key });
      expect(none.status).to.equal(204);
      expect(none.text).to.equal('');
    });

    it("should search the variables visible from the task's scope, one per scope", async () => {
      // when
      const visible = await api.client.searchUserTaskVariables(
        { userTaskKey: UserTaskKey.assumeExists(userTask.key as string), sort: [{ field: 'name' }] },
        NOW,
      );
      const named = await api.client.searchUserTaskVariables(
        { userTaskKey: UserTaskKey.assumeExists(userTask.key as string), filter: { name: 'letter' } },
        NOW,
      );

      // then
      expect(visible.items.map((v) => v.name)).to.deep.equal(['applicant', 'comment', 'decision', 'letter']);
      expect(named.items[0]!.isTruncated).to.equal(true);
      await expectProblem(api.client.searchUserTaskVariables({ userTaskKey: UserTaskKey.assumeExists('4') }, NOW), 404);
    });
  });

  describe('jobs', () => {
    it('should search jobs in the API shape', async () => {
      // when
      const completed = await api.client.searchJobs({ filter: { state: 'COMPLETED', worker: 'mailer' } }, NOW);
      const failed = await api.client.searchJobs({ filter: { retries: { $lte: 0 }, hasFailedWithRetriesLeft: false, type: 'check' } }, NOW);
      const byKey = await api.client.searchJobs({ filter: { jobKey: JobKey.assumeExists(job.key as string) } }, NOW);

      // then
      expect(completed.items).to.deep.equal([
        {
          customHeaders: { region: 'north' },
          deadline: '2026-01-01T10:10:00.000Z',
          deniedReason: null,
          elementId: 'notify',
          elementInstanceKey: service.key,
          endTime: '2026-01-01T10:05:00.000Z',
          errorCode: null,
          errorMessage: null,
          hasFailedWithRetriesLeft: false,
          isDenied: null,
          jobKey: job.key,
          kind: 'BPMN_ELEMENT',
          listenerEventType: 'UNSPECIFIED',
          processDefinitionId: 'approval',
          processDefinitionKey: v2.key,
          processInstanceKey: pi.key,
          rootProcessInstanceKey: pi.key,
          retries: 3,
          state: 'COMPLETED',
          tenantId: '<default>',
          type: 'work',
          worker: 'mailer',
          creationTime: '2026-01-01T10:00:02.000Z',
          lastUpdateTime: '2026-01-01T10:05:00.000Z',
        },
      ]);
      expect(failed.items.map((j) => j.jobKey)).to.deep.equal([failedJob.key]);
      expect(byKey.items.map((j) => j.jobKey)).to.deep.equal([job.key]);
    });
  });

  describe('incidents', () => {
    it('should search and get incidents', async () => {
      // when
      const active = await api.client.searchIncidents({ filter: { state: 'ACTIVE', errorType: 'JOB_NO_RETRIES' } }, NOW);
      const found = await api.client.getIncident({ incidentKey: IncidentKey.assumeExists(incident.key as string) }, NOW);
      const missing = await expectProblem(api.client.getIncident({ incidentKey: IncidentKey.assumeExists(nextKey()) }, NOW), 404);

      // then
      expect(active.items.map((i) => i.incidentKey)).to.deep.equal([incident.key]);
      expect(found).to.deep.equal({
        processDefinitionId: 'approval',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'boom',
        elementId: 'approve',
        creationTime: '2026-01-01T10:00:04.000Z',
        state: 'ACTIVE',
        tenantId: '<default>',
        incidentKey: incident.key,
        processDefinitionKey: v2.key,
        processInstanceKey: pi.key,
        rootProcessInstanceKey: pi.key,
        elementInstanceKey: task.key,
        jobKey: failedJob.key,
      });
      expect(missing).to.include({ status: 404, title: 'NOT_FOUND' });
    });
  });
});
