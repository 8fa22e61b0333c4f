import type { RegistryEntry } from '../registry/registry-entry';
import { cityOf, iafCertificate, iafCertificateSchema, iafCsv, iafProblems, IAF_STATUS_OF } from './iaf-certsearch';

const settings = { accreditation: 'none' as const, accreditationBody: { name: 'China National Accreditation Service for Conformity Assessment', acronym: 'CNAS' }, country: 'CN' };
const now = new Date('2027-06-01T00:00:00Z');

function entry(over: Partial<RegistryEntry> = {}): RegistryEntry {
  return {
    _id: 'GBT27922-2027-000001-32',
    caseId: 'case-1',
    cycle: 1,
    version: 1,
    holder: { name: '福州某某电器服务有限公司', creditCode: '91350100m000100y43' },
    holderKey: '',
    level: 'five-star',
    scope: { productCategories: ['家用电器'], serviceCategories: ['维修'], sites: [], outlets: ['鼓楼店'] },
    issuingBody: 'CB',
    validFrom: '2027-01-15T02:00:00.000Z',
    validUntil: '2030-01-14T16:00:00.000Z',
    status: 'valid',
    statusReason: '',
    suspendedUntil: null,
    supersedes: null,
    supersededBy: null,
    history: [{ eventId: 'e', status: 'valid', change: 'issued', reason: '', at: '2027-01-15T02:00:00.000Z' }],
    ...over,
  };
}
const holder = { _id: 'org-1', name: 'x', creditCode: 'x', address: '福建省福州市鼓楼区五四路1号', outlets: [{ name: '鼓楼店', address: '福建省福州市鼓楼区东街2号' }] };

describe('the IAF CertSearch export', () => {
  it('lays a certificate out in IAF\'s fields: status word, YYYYMMDD dates, upper-case id, address and sites', () => {
    const record = iafCertificate(entry(), holder, settings, now);
    expect(iafProblems(record)).toEqual([]);
    expect(record).toMatchObject({
      certificate_number: 'GBT27922-2027-000001-32',
      certification_status: 'active',
      certificate_accreditation_status: 'Unaccredited',
      certificate_issue_date: '20270115',
      certificate_expiry_date: '20300114',
      certified_entity_unique_id: '91350100M000100Y43',
      certified_entity_city: '福州市',
      certified_entity_country: 'CN',
      schemes: ['GB/T 27922-2011'],
      scope_description: '家用电器、维修',
    });
    expect(record.sites).toEqual([{ street: '福建省福州市鼓楼区东街2号', city: '福州市', state: '', country: 'CN', postcode: '', scope_description: '鼓楼店' }]);
  });

  it('maps every registry status into IAF\'s vocabulary; a validity that ended reads expired before the timer records it', () => {
    expect(Object.values(IAF_STATUS_OF).every((s) => iafCertificateSchema.shape.certification_status.safeParse(s).success)).toBe(true);
    expect(iafCertificate(entry({ status: 'suspended' }), holder, settings, now).certification_status).toBe('suspended');
    expect(iafCertificate(entry(), holder, settings, new Date('2030-02-01T00:00:00Z')).certification_status).toBe('expired');
  });

  it('reports a name over 300 characters and a missing address, and does not truncate', () => {
    const record = iafCertificate(entry({ holder: { name: '长'.repeat(301), creditCode: '91350100M000100Y43' } }), null, settings, now);
    const problems = iafProblems(record);
    expect(problems).toContainEqual({ number: record.certificate_number, code: 'iaf.too-long', params: { field: 'certified_entity_name', length: '301', max: '300' } });
    expect(problems).toContainEqual({ number: record.certificate_number, code: 'iaf.required-missing', params: { field: 'certified_entity_street_address' } });
    expect(record.certified_entity_name).toHaveLength(301);
  });

  it('finds the city of Chinese and Latin addresses, and none where there is none', () => {
    expect(cityOf('广东省深圳市南山区科技园')).toBe('深圳市');
    expect(cityOf('上海市浦东新区世纪大道100号')).toBe('上海市');
    expect(cityOf('1 Wusi Road, Fuzhou')).toBe('Fuzhou');
    expect(cityOf('某地某路')).toBe('');
  });

  it('writes CSV with every field quoted, schemes joined and sites as JSON', () => {
    const csv = iafCsv([iafCertificate(entry({ holder: { name: 'Acme "Service", Ltd', creditCode: '91350100M000100Y43' } }), holder, settings, now)]);
    const [header, row] = csv.split('\r\n');
    expect(header?.startsWith('"certificate_number","certification_status"')).toBe(true);
    expect(row).toContain('"Acme ""Service"", Ltd"');
    expect(row).toContain('"GB/T 27922-2011"');
  });
});
