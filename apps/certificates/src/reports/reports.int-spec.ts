import { randomUUID } from 'node:crypto';
import { certificateNumber } from '@gbt/certificate-core';
import { certificationCaseEvents, EventRegistry, organisationEvents, reviewRecordEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { startCertificates, type CertificatesHarness } from '../testing/harness';
import { CNCA_MONTHLY_V1 } from './cnca-monthly.v1';
import { iafCertificateSchema } from './iaf-certsearch';
import { ReportRecords } from './report-records';
import { readWorkbook } from './report-workbook';

const TOPIC_OF: Record<string, string> = { certification: Topics.certificationCase, applications: Topics.organisation, review: Topics.review };
const CATALOGUE = 'gbt27922-2011.v1';
const scope = { productCategories: ['家用电器'], serviceCategories: ['维修'], sites: [], outlets: ['鼓楼店'] };
const at = (iso: string) => new Date(iso);
const body = ['CNCA-R-2027-000', '00'];

/**
 * A month of activity played as the other services publish it (organisations, review plans,
 * lifecycle status snapshots) into the running certificates service; its December report is
 * generated over HTTP and read back with exceljs, sheet by sheet, against the registry and the
 * events of each case.
 */
describe('reports: the monthly regulator report, the IAF export and the open-data feed', () => {
  let h: CertificatesHarness;
  let publisher: EventPublisher;
  const run = String(Math.floor(Math.random() * 900_000) + 100_000);
  const org = (letter: string, name: string) => ({ id: `org-91350100M${run}${letter}0X`, creditCode: `91350100M${run}${letter}0X`, name });
  const orgA = org('A', '福州甲家电服务有限公司');
  const orgB = org('B', '厦门乙维修有限公司');
  const orgC = org('C', '泉州丙售后服务有限公司');
  const [caseA, caseB, caseC] = [`case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`];
  const year = 2026;
  const numberA = certificateNumber(year, 100_000 + Number(run.slice(0, 5)));
  const numberLate = certificateNumber(2027, 100_000 + Number(run.slice(0, 5)));
  const versions = new Map<string, number>();

  const registered = (o: typeof orgA) =>
    testEnvelope('applications.organisation-registered', o.id, {
      organisationId: o.id, creditCode: o.creditCode, name: o.name, address: '福建省福州市鼓楼区五四路1号', registeredBy: 'alice.applicant',
      contacts: [{ name: 'Alice', phone: '+86 591 1234567', email: 'alice@example.com' }], outlets: [{ id: 'outlet-1', name: '鼓楼店', address: '福建省福州市鼓楼区东街2号' }], // outlets carry ids since ADR 0037
    }, { occurredAt: at('2026-11-01T02:00:00Z') });
  const planned = (caseId: string, o: typeof orgA, plannedAt: string, onSite: boolean[]) =>
    testEnvelope('review.tasks-planned', `review-${caseId}`, {
      caseId, organisationId: o.id, catalogueVersion: CATALOGUE, plannedAt, dueAt: new Date(Date.parse(plannedAt) + 10 * 86_400_000).toISOString(),
      tasks: onSite.map((s, i) => ({ taskId: `t${i}`, requirementIds: ['5.1.1.1'], onSite: s })),
    }, { occurredAt: at(plannedAt) });
  function snapshot(caseId: string, o: typeof orgA, occurredAt: string, status: string, changes: { type: string; data: Record<string, unknown> }[], certificate: Record<string, unknown> | null): EventEnvelope {
    const v = (versions.get(caseId) ?? 0) + 2;
    versions.set(caseId, v);
    return testEnvelope('certification.case-status-changed', caseId, {
      caseId, organisationId: o.id, catalogueVersion: CATALOGUE, status, phase: null, reason: null, scope, evaluators: ['eve.reviewer'], conflicts: [], openNonconformities: [],
      score: null, level: null, certificate, surveillanceDueBy: null, suspendedUntil: null, availableCommands: [], changes,
    }, { streamVersion: v, occurredAt: at(occurredAt) });
  }
  const scored = (score: number, passed: boolean) => ({ type: 'certification.case-scored', data: { scorecardId: `sc-${randomUUID()}`, catalogueVersion: CATALOGUE, score, level: passed ? 'five-star' : null, specialDeductions: 0, passed, openNonconformitiesWaivedBy: null } });
  const certificateOf = (number: string, validFrom: string, validUntil: string) => ({ number, level: 'five-star', validFrom, validUntil, cycle: 1, nextSurveillanceBy: '2027-12-01T00:00:00.000Z' });
  const granted = (c: ReturnType<typeof certificateOf>) => ({ type: 'certification.certification-granted', data: { certificateNumber: c.number, level: c.level, validFrom: c.validFrom, validUntil: c.validUntil, nextSurveillanceBy: c.nextSurveillanceBy, cycle: 1, decidedBy: 'dan.decider', scorecardId: 'sc-1' } });

  const certA = certificateOf(numberA, '2026-12-12T02:00:00.000Z', '2029-12-11T16:00:00.000Z');
  const late = certificateOf(numberLate, '2027-01-02T02:00:00.000Z', '2030-01-01T16:00:00.000Z');
  const planA = planned(caseA, orgA, '2026-12-03T02:00:00.000Z', [false, true]);

  beforeAll(async () => {
    h = await startCertificates();
    publisher = new EventPublisher(testKafka(), {
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents, ...reviewRecordEvents]),
      topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]!,
    });
    await publisher.publish([registered(orgA), registered(orgB), registered(orgC)]);
    // Delivered twice: recorded once.
    await publisher.publish([planA, planA, planned(caseB, orgB, '2026-12-05T02:00:00.000Z', [false])]);
    // Plans come days before results; here the results wait until both plans are in (they travel on another topic).
    const records = h.app.get(ReportRecords);
    await waitFor(async () => (await records.caseOf(caseA)) && (await records.caseOf(caseB)), 60_000, 'the review plans');
    await publisher.publish([
      snapshot(caseA, orgA, '2026-12-10T02:00:00.000Z', 'decision-pending', [scored(92.5, true)], null),
      snapshot(caseB, orgB, '2026-12-15T02:00:00.000Z', 'not-certified', [scored(55, false)], null),
      // No plan was recorded for this case: its audit result misses the plan number and mode.
      snapshot(caseC, orgC, '2026-12-18T02:00:00.000Z', 'decision-pending', [scored(88, true)], null),
      snapshot(caseA, orgA, '2026-12-12T02:00:00.000Z', 'certified', [granted(certA)], certA),
      snapshot(caseA, orgA, '2026-12-20T02:00:00.000Z', 'suspended', [{ type: 'certification.certificate-suspended', data: { reason: '投诉处理不符合要求', until: '2027-03-20T02:00:00.000Z' } }], certA),
      // January: not in December's report.
      snapshot(caseC, orgC, '2027-01-02T02:00:00.000Z', 'certified', [granted(late)], late),
    ]);
    // The registry has followed, and so has the reporting read model (its last December fact).
    await waitFor(async () => (await h.http().get(`/registry/certificates/${numberA}`)).body.status === 'suspended', 60_000, 'the registry to follow');
    await waitFor(async () => (await h.http().get(`/registry/certificates/${numberLate}`)).status === 200, 60_000, 'the January certificate');
  }, 120_000);
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  it('generates December from the month\'s records; every sheet\'s rows match the registry and the cases; the broken record is listed, not exported', async () => {
    const report = await waitFor(async () => {
      const res = await h.http().post('/reports/monthly/2026-12').set(h.as('ada.admin'));
      expect(res.status).toBe(201);
      const done = res.body.counts['status-changes'].exported === 1 && res.body.counts['audit-results'].exported + res.body.counts['audit-results'].withProblems === 3;
      return done ? res.body : undefined;
    }, 60_000, 'December\'s facts in the read model');
    expect(report).toMatchObject({ period: '2026-12', templateId: 'cnca-monthly', templateVersion: CNCA_MONTHLY_V1.version, generatedBy: 'ada.admin' });

    const download = await h.http().get(`/reports/monthly/2026-12/${report.sequence}/report.xlsx`).set(h.as('ada.admin')).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['x-checksum-sha256']).toBe(report.checksum);
    const sheets = await readWorkbook(download.body as Buffer);
    expect([...sheets.keys()]).toEqual(['审核计划', '认证证书', '审核结果', '证书状态变化']);
    for (const sheet of CNCA_MONTHLY_V1.sheets) expect(sheets.get(sheet.name)![0]).toEqual(sheet.columns.map((c) => c.header));

    // Audit plans: the two review plans (the redelivered one once), numbered R + body + branch + YYMM + the
    // sequence each took in the month (they travel on different partitions: in either order).
    const records = h.app.get(ReportRecords);
    const [numberOfA, numberOfB] = [(await records.caseOf(caseA))!.planNumber, (await records.caseOf(caseB))!.planNumber];
    expect([numberOfA, numberOfB].sort()).toEqual(['R0000002612' + '0001', 'R0000002612' + '0002']);
    const plans = sheets.get('审核计划')!.slice(1);
    expect(plans).toEqual([
      [numberOfA, ...body, orgA.name, orgA.creditCode, caseA.toUpperCase(), 'GB/T 27922-2011', '初次认证', 'FS03', '2026-12-03', '2026-12-13'],
      [numberOfB, ...body, orgB.name, orgB.creditCode, caseB.toUpperCase(), 'GB/T 27922-2011', '初次认证', 'FS02', '2026-12-05', '2026-12-15'],
    ]);

    // Certificates: what the registry holds for the one issued in December.
    const entry = (await h.http().get(`/registry/certificates/${numberA}`)).body;
    expect(sheets.get('认证证书')!.slice(1)).toEqual([
      [entry.number, ...body, entry.holder.name, entry.holder.creditCode, '福建省福州市鼓楼区五四路1号', 'GB/T 27922-2011', '家用电器、维修', '五星级', entry.validFrom, entry.validUntil, '有效'],
    ]);

    // Audit results: the two cases with plans; the third listed as a problem.
    expect(sheets.get('审核结果')!.slice(1)).toEqual([
      [numberOfA, ...body, orgA.name, orgA.creditCode, 'FS03', '2026-12-10', 92.5, '五星级', '通过'],
      [numberOfB, ...body, orgB.name, orgB.creditCode, 'FS02', '2026-12-15', 55, null, '不通过'],
    ]);
    expect(report.problems).toEqual([
      { kind: 'audit-results', record: caseC, code: 'report.required-missing', params: { column: '审核计划编号' } },
      { kind: 'audit-results', record: caseC, code: 'report.required-missing', params: { column: '审核方式' } },
    ]);
    expect(report.counts['audit-results']).toEqual({ exported: 2, withProblems: 1 });

    // Status changes: the registry's history of the certificate in December, after its issue.
    const changes = entry.history.filter((x: { change: string }) => x.change !== 'issued');
    expect(changes.map((x: { change: string; at: string }) => [x.change, x.at.slice(0, 10)])).toEqual([['suspended', '2026-12-20']]);
    expect(sheets.get('证书状态变化')!.slice(1)).toEqual([[entry.number, ...body, orgA.name, orgA.creditCode, '暂停', '2026-12-20', '投诉处理不符合要求']]);
  }, 90_000);

  it('keeps each report with its checksum; lists months with reminders; the monthly job prepared last month at start', async () => {
    const list = await h.http().get('/reports/monthly?months=2').set(h.as('dan.decider'));
    expect(list.status).toBe(200);
    expect(list.body.months.map((m: { period: string }) => m.period)).toEqual(['2027-01', '2026-12']);
    const december = list.body.months[1];
    expect(december.dueOn).toBe('2027-01-10');
    // The clock is on 2027-01-10: the job's reminder (three working days before) and its report fired at start.
    expect(december.reminder).toMatchObject({ _id: '2026-12', dueOn: '2027-01-10' });
    expect(december.reports.some((r: { generatedBy: string }) => r.generatedBy === 'certificates')).toBe(true);
    expect(december.reports.every((r: { checksum: string; problems?: unknown }) => /^[0-9a-f]{64}$/.test(r.checksum) && r.problems === undefined)).toBe(true);
    // The reminder is also a fact on the certificates topic, once per month, for the directory to mail administrators.
    const store = h.app.get(MongoEventStore);
    const due = await waitFor(async () => {
      const events = await store.readStream('monthly-report-due-2026-12');
      return events.length ? events : undefined;
    }, 10_000, 'the reminder fact');
    expect(due.map((e) => [e.type, e.data.period, e.data.dueOn])).toEqual([['certificates.monthly-report-due', '2026-12', '2027-01-10']]);
  });

  it('refuses a month in the future, a malformed one and a caller without a staff role', async () => {
    const future = await h.http().post('/reports/monthly/2027-02').set(h.as('ada.admin'));
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('FuturePeriod');
    expect((await h.http().post('/reports/monthly/2026-13').set(h.as('ada.admin'))).status).toBe(400);
    expect((await h.http().get('/reports/monthly/2026-12/x/report.xlsx').set(h.as('ada.admin'))).status).toBe(400);
    expect((await h.http().get('/reports/monthly').set(h.as('alice.applicant'))).status).toBe(403);
    expect((await h.http().get('/exports/iaf-certsearch?format=xml').set(h.as('ada.admin'))).status).toBe(400);
  });

  it('exports the registry in IAF CertSearch\'s layout; every exported record passes its field list and limits', async () => {
    const res = await h.http().get('/exports/iaf-certsearch').set(h.as('ada.admin'));
    expect(res.status).toBe(200);
    const mine = res.body.certificates.filter((c: { certificate_number: string }) => [numberA, numberLate].includes(c.certificate_number));
    expect(mine.map((c: { certification_status: string }) => c.certification_status)).toEqual(['suspended', 'active']);
    for (const record of res.body.certificates) expect(iafCertificateSchema.safeParse(record).success).toBe(true);
    expect(mine[0]).toMatchObject({ certified_entity_unique_id: orgA.creditCode, certified_entity_city: '福州市', certificate_issue_date: '20261212', sites: [{ city: '福州市', scope_description: '鼓楼店' }] });
    const csv = await h.http().get('/exports/iaf-certsearch?format=csv').set(h.as('ada.admin'));
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1 + res.body.certificates.length);
  });

  it('serves the open-data feed to anyone, paged by number with a cursor, cacheable, without personal data', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let etag = '';
    do {
      const res = await h.http().get(`/open-data/certificates?limit=1${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      etag ||= res.headers.etag;
      expect(res.body.items).toHaveLength(1);
      seen.push(res.body.items[0].number);
      after = res.body.next;
    } while (after);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining([numberA, numberLate]));
    const first = await h.http().get('/open-data/certificates?limit=1').set('if-none-match', etag);
    expect(first.status).toBe(304);
    const all = await h.http().get('/open-data/certificates?limit=1000&format=csv');
    expect(all.text).not.toMatch(/alice|@example\.com|\+86/);
    expect(all.text.split('\r\n')[0]).toBe('"number","version","holderName","holderCreditCode","level","status","statusSince","validFrom","validUntil","productCategories","serviceCategories","issuingBody","supersedes","supersededBy"');
    expect((await h.http().get('/open-data/certificates?limit=0')).status).toBe(400);
  });
});
