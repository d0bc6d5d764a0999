/**
 * The catalogue as DCAT-AP 3.0 RDF (ADR 0025), for harvesters: the catalogue, each dataset and distribution, their
 * publishers, contact points and coverage, with the EU controlled vocabularies DCAT-AP expects for frequency, file
 * type, access rights and language. Written as Turtle (n3) and as expanded JSON-LD built from the same triples.
 */
import N3 from 'n3';
import type { Catalogue } from './ckan.ts';
import { dataOpen } from './ckan.ts';
import type { PublishedDataset } from './queries.ts';
import { LICENCES, type Frequency, type Openness } from './rules.ts';

const { namedNode: iri, literal, blankNode, quad } = N3.DataFactory;
const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};
const EU = 'http://publications.europa.eu/resource/authority/';
const FREQUENCY: Record<Frequency, string> = {
  realtime: 'CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  half_year: 'BIANNUAL',
  yearly: 'ANNUAL',
  irregular: 'IRREG',
};
const ACCESS: Record<Openness, string> = { open: 'PUBLIC', conditional: 'RESTRICTED', closed: 'NON_PUBLIC' };
const FILE_TYPE: Record<string, { eu: string; iana: string }> = {
  CSV: { eu: 'CSV', iana: 'text/csv' },
  XLSX: { eu: 'XLSX', iana: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  JSON: { eu: 'JSON', iana: 'application/json' },
  GeoJSON: { eu: 'GEOJSON', iana: 'application/geo+json' },
  PDF: { eu: 'PDF', iana: 'application/pdf' },
};

type Term = N3.NamedNode | N3.BlankNode | N3.Literal;
const p = (ns: keyof typeof NS, local: string) => iri(NS[ns] + local);
const zh = (s: string) => literal(s, 'zh');
const dateTime = (d: Date) => literal(d.toISOString(), p('xsd', 'dateTime'));

export function catalogueQuads(base: string, siteName: string, c: Catalogue, only?: PublishedDataset): N3.Quad[] {
  const out: N3.Quad[] = [];
  const seen = new Set<string>();
  // A node shared by several (a licence, a publisher) is described once: no triple is written twice.
  const add = (s: N3.NamedNode | N3.BlankNode, pred: N3.NamedNode, o: Term) => {
    const key = `${s.termType}:${s.value} ${pred.value} ${o.termType}:${o.value}:${o.termType === 'Literal' ? `${o.language}|${o.datatype.value}` : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(quad(s, pred, o));
  };
  const a = (s: N3.NamedNode | N3.BlankNode, ns: keyof typeof NS, cls: string) => add(s, p('rdf', 'type'), p(ns, cls));
  const typed = (node: N3.NamedNode, ns: keyof typeof NS, cls: string) => {
    a(node, ns, cls);
    return node;
  };
  const agents = new Set<string>();
  const agent = (id: string, name: string) => {
    const node = iri(id);
    if (!agents.has(id)) {
      agents.add(id);
      a(node, 'foaf', 'Agent');
      add(node, p('foaf', 'name'), zh(name));
    }
    return node;
  };

  const catalog = iri(`${base}/catalog`);
  a(catalog, 'dcat', 'Catalog');
  add(catalog, p('dct', 'title'), zh(`${siteName}政府数据开放目录`));
  add(catalog, p('dct', 'description'), zh(`${siteName}各单位依法开放的政府数据资源目录。`));
  add(catalog, p('dct', 'publisher'), agent(`${base}/#publisher`, siteName));
  add(catalog, p('foaf', 'homepage'), typed(iri(`${base}/sjkf`), 'foaf', 'Document'));
  add(catalog, p('dct', 'language'), typed(iri(`${EU}language/ZHO`), 'dct', 'LinguisticSystem'));
  const latest = c.datasets.reduce<Date | null>((m, d) => (!m || d.published_at > m ? d.published_at : m), null);
  if (latest) add(catalog, p('dct', 'modified'), dateTime(latest));

  for (const d of only ? [only] : c.datasets) {
    const m = d.metadata;
    const page = `${base}/dataset/${d.name}`;
    const ds = iri(`${page}#dataset`);
    add(catalog, p('dcat', 'dataset'), ds);
    a(ds, 'dcat', 'Dataset');
    add(ds, p('dct', 'title'), zh(m.title));
    add(ds, p('dct', 'description'), zh(m.summary));
    add(ds, p('dct', 'identifier'), literal(d.name));
    add(ds, p('dct', 'issued'), dateTime(d.first_published_at));
    add(ds, p('dct', 'modified'), dateTime(d.published_at));
    add(ds, p('dcat', 'version'), literal(String(d.version_no)));
    add(ds, p('dct', 'publisher'), agent(`${base}/xxgk/${d.unit_slug}`, d.unit_name));
    add(ds, p('dcat', 'landingPage'), typed(iri(page), 'foaf', 'Document'));
    add(ds, p('dct', 'accrualPeriodicity'), typed(iri(`${EU}frequency/${FREQUENCY[m.frequency]}`), 'dct', 'Frequency'));
    add(ds, p('dct', 'accessRights'), typed(iri(`${EU}access-right/${ACCESS[m.openness]}`), 'dct', 'RightsStatement'));
    for (const k of m.keywords) add(ds, p('dcat', 'keyword'), zh(k));
    const area = c.areas.get(m.areaCode);
    if (area) {
      const theme = typed(iri(`${base}/sjkf?area=${m.areaCode}`), 'skos', 'Concept');
      add(theme, p('skos', 'prefLabel'), zh(area));
      add(ds, p('dcat', 'theme'), theme);
    }
    if (m.temporalStart || m.temporalEnd) {
      const period = blankNode();
      a(period, 'dct', 'PeriodOfTime');
      if (m.temporalStart) add(period, p('dcat', 'startDate'), literal(m.temporalStart, p('xsd', 'date')));
      if (m.temporalEnd) add(period, p('dcat', 'endDate'), literal(m.temporalEnd, p('xsd', 'date')));
      add(ds, p('dct', 'temporal'), period);
    }
    if (m.spatial) {
      const place = blankNode();
      a(place, 'dct', 'Location');
      add(place, p('skos', 'prefLabel'), zh(m.spatial));
      add(ds, p('dct', 'spatial'), place);
    }
    const contact = blankNode();
    a(contact, 'vcard', 'Kind');
    add(contact, p('vcard', 'fn'), zh(m.contactName));
    if (m.contactEmail) add(contact, p('vcard', 'hasEmail'), iri(`mailto:${m.contactEmail}`));
    if (m.contactPhone) add(contact, p('vcard', 'hasTelephone'), iri(`tel:${m.contactPhone.replace(/[^\d+]/g, '')}`));
    add(ds, p('dcat', 'contactPoint'), contact);

    const licence = LICENCES.find((l) => l.id === m.licenceId) ?? LICENCES[0];
    const licenceNode = typed(iri(licence.url || `${base}/sjkf#terms`), 'dct', 'LicenseDocument');
    for (const rid of d.resource_ids) {
      const r = c.resources.get(rid);
      if (!r) continue;
      const rpage = `${page}/resource/${r.id}`;
      const dist = iri(`${rpage}#distribution`);
      add(ds, p('dcat', 'distribution'), dist);
      a(dist, 'dcat', 'Distribution');
      add(dist, p('dct', 'title'), zh(r.name));
      if (r.description) add(dist, p('dct', 'description'), zh(r.description));
      // The shapes check these addresses' class, and SHACL infers nothing: each is stated to be an rdfs:Resource.
      add(dist, p('dcat', 'accessURL'), typed(iri(r.kind === 'link' ? r.url : rpage), 'rdfs', 'Resource'));
      if (dataOpen(d) && r.kind === 'file') add(dist, p('dcat', 'downloadURL'), typed(iri(r.row_count !== null ? `${rpage}/download.csv` : `${rpage}/file`), 'rdfs', 'Resource'));
      const type = FILE_TYPE[r.row_count !== null ? 'CSV' : r.format];
      if (type) {
        add(dist, p('dct', 'format'), typed(iri(`${EU}file-type/${type.eu}`), 'dct', 'MediaTypeOrExtent'));
        add(dist, p('dcat', 'mediaType'), typed(iri(`https://www.iana.org/assignments/media-types/${type.iana}`), 'dct', 'MediaType'));
      }
      if (r.byte_size !== null && r.row_count === null) add(dist, p('dcat', 'byteSize'), literal(String(r.byte_size), p('xsd', 'nonNegativeInteger')));
      add(dist, p('dct', 'license'), licenceNode);
      add(dist, p('dct', 'issued'), dateTime(r.created_at));
    }
  }
  return out;
}

export function toTurtle(quads: N3.Quad[]): Promise<string> {
  const writer = new N3.Writer({ prefixes: NS });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((err: Error | null, result: string) => (err ? reject(err) : resolve(result))));
}

/** Expanded JSON-LD (no context needed to read it): one node object per subject, every value as JSON-LD writes it. */
export function toJsonLd(quads: N3.Quad[]): object[] {
  const nodes = new Map<string, Record<string, unknown[]> & { '@id': string }>();
  const id = (t: N3.Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);
  for (const q of quads) {
    const s = id(q.subject);
    const node = nodes.get(s) ?? ({ '@id': s } as Record<string, unknown[]> & { '@id': string });
    nodes.set(s, node);
    if (q.predicate.value === `${NS.rdf}type`) {
      node['@type'] = [...((node['@type'] as string[]) ?? []), q.object.value];
      continue;
    }
    const o = q.object;
    const value =
      o.termType === 'Literal'
        ? o.language
          ? { '@value': o.value, '@language': o.language }
          : o.datatype.value === `${NS.xsd}string`
            ? { '@value': o.value }
            : { '@value': o.value, '@type': o.datatype.value }
        : { '@id': id(o) };
    node[q.predicate.value] = [...(node[q.predicate.value] ?? []), value];
  }
  return [...nodes.values()];
}
