/**
 * The catalogue as DCAT-US 1.1 `data.json` (Project Open Data), which many harvesters read. Its schema requires US
 * federal codes (bureauCode, programCode) that a Chinese catalogue does not have: they carry the documented
 * placeholders 000:00 and 000:000 (docs/exports/opendata.md). A contact e-mail is required too: a dataset without one
 * gives the platform's open-data mailbox (GONGKAI_OPEN_DATA_EMAIL).
 */
import type { Catalogue } from './ckan.ts';
import { dataOpen } from './ckan.ts';
import { LICENCES, type Frequency, type Openness } from './rules.ts';

const PERIODICITY: Record<Frequency, string> = {
  realtime: 'R/PT1S',
  daily: 'R/P1D',
  weekly: 'R/P1W',
  monthly: 'R/P1M',
  quarterly: 'R/P3M',
  half_year: 'R/P6M',
  yearly: 'R/P1Y',
  irregular: 'irregular',
};
const ACCESS: Record<Openness, string> = { open: 'public', conditional: 'restricted public', closed: 'non-public' };
const MEDIA: Record<string, string> = { CSV: 'text/csv', JSON: 'application/json', GeoJSON: 'application/geo+json', PDF: 'application/pdf' };

export function dataJson(base: string, siteName: string, fallbackEmail: string, c: Catalogue) {
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': `${base}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: c.datasets.map((d) => {
      const m = d.metadata;
      const page = `${base}/dataset/${d.name}`;
      const licence = LICENCES.find((l) => l.id === m.licenceId);
      const email = m.contactEmail || fallbackEmail;
      return {
        '@type': 'dcat:Dataset',
        title: m.title,
        description: m.summary,
        keyword: m.keywords.length ? m.keywords : [c.areas.get(m.areaCode) ?? m.title],
        modified: d.published_at.toISOString().slice(0, 10),
        issued: d.first_published_at.toISOString().slice(0, 10),
        publisher: { '@type': 'org:Organization', name: d.unit_name, subOrganizationOf: { '@type': 'org:Organization', name: siteName } },
        contactPoint: { '@type': 'vcard:Contact', fn: m.contactName, hasEmail: `mailto:${email}` },
        identifier: page,
        accessLevel: ACCESS[m.openness],
        ...(m.openness === 'open' ? {} : { rights: (m.opennessReason || '须经申请').slice(0, 255) }),
        bureauCode: ['000:00'],
        programCode: ['000:000'],
        accrualPeriodicity: PERIODICITY[m.frequency],
        ...(m.temporalStart && m.temporalEnd ? { temporal: `${m.temporalStart}/${m.temporalEnd}` } : {}),
        ...(m.spatial ? { spatial: m.spatial } : {}),
        ...(licence?.url ? { license: licence.url } : {}),
        landingPage: page,
        language: ['zh'],
        theme: c.areas.has(m.areaCode) ? [c.areas.get(m.areaCode)!] : undefined,
        distribution: d.resource_ids
          .map((id) => c.resources.get(id))
          .filter((r) => !!r)
          .map((r) => {
            const rpage = `${page}/resource/${r.id}`;
            const download = dataOpen(d) && r.kind === 'file' ? (r.row_count !== null ? `${rpage}/download.csv` : `${rpage}/file`) : null;
            const mediaType = MEDIA[r.row_count !== null ? 'CSV' : r.format];
            return {
              '@type': 'dcat:Distribution',
              title: r.name,
              ...(download && mediaType ? { downloadURL: download, mediaType } : { accessURL: r.kind === 'link' ? r.url : rpage }),
              format: r.row_count !== null ? 'CSV' : r.format,
            };
          }),
      };
    }),
  };
}
