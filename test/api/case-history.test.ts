import { expect } from 'chai';
import type { CaseDetails } from '../../web/shared/case-api.js';
import type { InboxPage } from '../../src/api/inbox/inbox-types.js';
import { answers } from '../../kit/pathway/answers.js';
import { HttpSession } from '../../kit/http-session.js';
import { closeCase } from '../../src/store/case-repository.js';
import { completedTasks, recordCompletedTask } from '../../src/store/completed-task-repository.js';
import { assignPair } from '../../src/store/pair-repository.js';
import { openRoutedTurkuCase, startAppWithoutEngine, type AppWithoutEngine } from '../support/app-without-engine.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

const INTAKE = {
  municipality: 'Turku',
  referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' },
  identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
};

describe('case view: the work done, the referral and the pair (/api/case-view)', () => {
  describe('with the engine', () => {
    let t: TestService;
    before(async () => {
      t = await startTestService({ WORKERS: 'in-process' });
    });
    after(async () => {
      await t?.close();
    });

    it('lists the screening as done by the counsellor who completed it, with the referral', async () => {
      // given a case whose screening Juha completes through the inbox
      const [lead, juha] = [new HttpSession(t.service.url), new HttpSession(t.service.url)];
      await Promise.all([lead.signIn('minna.toivonen'), juha.signIn('juha.laitinen')]);
      const caseId = (await lead.call<{ caseId: string }>('POST', '/api/cases', INTAKE)).body.caseId;
      const key = await eventually(
        'the screening task',
        async () => (await juha.call<InboxPage>('GET', '/api/inbox?limit=100')).body.items.find((task) => task.caseId === caseId)?.key,
      );
      expect((await juha.call('POST', `/api/inbox/tasks/${key}/claim`)).status).to.equal(204);
      expect((await juha.call('POST', `/api/inbox/tasks/${key}/completion`, { variables: answers.screening(true) })).status).to.equal(204);
      // when
      const view = (await juha.call<CaseDetails>('GET', `/api/case-view/${caseId}`)).body;
      // then
      expect(view.completedTasks).to.have.length(1);
      expect(view.completedTasks[0]).to.deep.include({
        key,
        name: 'Alkuselvitys ja suostumus',
        elementId: 'screening-task',
        completedBy: { role: 'SOCIAL_COUNSELLOR', displayName: 'Juha Laitinen' },
      });
      expect(view.referral).to.deep.include({ source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' });
      // and the record is in the use log as Juha's write
      const logged = await t.service.database
        .knex('audit_log')
        .where({ case_id: caseId, resource: 'completed_tasks', action: 'INSERT' })
        .select('actor_id');
      expect(logged.map((row: { actor_id: string }) => row.actor_id)).to.deep.equal(['u-turku-keskusta-so1']);
    });
  });

  describe('from the read model alone', () => {
    let app: AppWithoutEngine;
    const caseId = 'b0000000-0000-4000-8000-000000000015';
    before(async () => {
      app = await startAppWithoutEngine('case-history');
      await openRoutedTurkuCase(app.knex, caseId);
      await assignPair(app.knex, {
        caseId,
        nurseId: 'p-turku-keskusta-sh1',
        socialWorkerId: 'p-turku-keskusta-so1',
        at: new Date(),
        jobKey: `pair-${caseId}`,
        manual: false,
      });
      await closeCase(app.knex, { caseId, outcome: 'CLIENT_WITHDREW', at: new Date(), jobKey: `close-${caseId}` });
    });
    after(async () => {
      await app?.close();
    });

    it('names the pair a closed case had, released at its closing', async () => {
      const lead = new HttpSession(app.url);
      await lead.signIn('minna.toivonen');
      const view = (await lead.call<CaseDetails>('GET', `/api/case-view/${caseId}`)).body;
      expect(view.pair?.nurse.displayName).to.equal('Aino Virtanen');
      expect(view.pair?.socialWorker.displayName).to.equal('Juha Laitinen');
      expect(view.pair?.releasedAt).to.be.a('string');
    });

    it('records a task’s completion once, however often it is recorded', async () => {
      const completion = {
        caseId,
        userTaskKey: '2251799813685999',
        elementId: 'screening-task',
        name: 'Alkuselvitys ja suostumus',
        completedBy: { userId: 'u-turku-keskusta-so1', role: 'SOCIAL_COUNSELLOR', professionalId: 'p-turku-keskusta-so1' },
        completedAt: new Date(),
        register: 'SOCIAL' as const,
      };
      await app.knex.transaction((trx) => recordCompletedTask(trx, completion));
      await app.knex.transaction((trx) => recordCompletedTask(trx, { ...completion, completedAt: new Date(Date.now() + 1000) }));
      expect((await completedTasks(app.knex, caseId)).map((task) => task.userTaskKey)).to.deep.equal(['2251799813685999']);
    });
  });
});
