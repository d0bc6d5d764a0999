/**
 * Module boundaries (DESIGN.md: "a module may call another module's exported service functions, never its tables").
 * Every table has one owning module. A module's SQL may write only its own tables; it may read another module's
 * tables only where READ_MODELS below lists it (read models: the portal, search, reports and supervision read what
 * they present). A new cross-module write, or an unlisted read, fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const OWNER: Record<string, string> = {
  units: 'orgs',
  unit_officials: 'orgs',
  training_sessions: 'supervision',
  page_views: 'portal',
  outbox_messages: 'notifications',
  staff_notifications: 'notifications',
  notification_settings: 'notifications',
  unit_sections: 'publishing',
  users: 'orgs',
  role_assignments: 'orgs',
  sessions: 'orgs',
  api_tokens: 'orgs',
  audit_log: 'lib',
  audit_chain: 'lib',
  schema_migrations: 'lib',
  content_state: 'lib',
  calendar_days: 'calendar',
  calendar_years: 'calendar',
  index_no_counters: 'publishing',
  information_items: 'publishing',
  item_versions: 'publishing',
  item_links: 'publishing',
  item_events: 'publishing',
  blobs: 'publishing',
  attachments: 'publishing',
  personal_data_findings: 'publishing',
  search_changes: 'search',
  search_synonyms: 'search',
  search_queries: 'search',
  search_query_flags: 'search',
  search_log_horizon: 'search',
  request_cases: 'requests',
  case_events: 'requests',
  case_letters: 'requests',
  request_counters: 'requests',
  case_reviews: 'requests',
  case_reminders: 'requests',
  case_recovery_codes: 'requests',
  letter_templates: 'requests',
  request_settings: 'requests',
  case_files: 'requests',
  catalogue_areas: 'catalogues',
  catalogue_area_units: 'catalogues',
  catalogues: 'catalogues',
  catalogue_items: 'catalogues',
  catalogue_events: 'catalogues',
  annual_reports: 'reports',
  annual_report_events: 'reports',
  wording_rules: 'supervision',
  assessment_indicators: 'supervision',
  assessment_manual_scores: 'supervision',
  link_checks: 'supervision',
  consultations: 'participation',
  consultation_comments: 'participation',
  consultation_events: 'participation',
  consultation_answer_templates: 'participation',
  decision_entries: 'participation',
  decision_entry_events: 'participation',
  decision_catalogue_revisions: 'participation',
  meetings: 'participation',
  meeting_applications: 'participation',
  meeting_events: 'participation',
  surveys: 'participation',
  survey_questions: 'participation',
  survey_responses: 'participation',
  survey_response_files: 'participation',
  survey_events: 'participation',
  message_mailboxes: 'messages',
  message_dispatch: 'messages',
  message_clock_settings: 'messages',
  message_counters: 'messages',
  messages: 'messages',
  message_events: 'messages',
  message_ratings: 'messages',
  message_suggestion_counts: 'messages',
  message_reminders: 'messages',
  message_unit_settings: 'messages',
  message_reply_templates: 'messages',
  proposals: 'proposals',
  proposal_events: 'proposals',
  qa_entries: 'answers',
  qa_versions: 'answers',
  qa_sources: 'answers',
  qa_events: 'answers',
  qa_hint_counts: 'answers',
  opinion_incidents: 'answers',
  opinion_responses: 'answers',
  opinion_events: 'answers',
  concerns: 'answers',
  datasets: 'opendata',
  dataset_resources: 'opendata',
  datastore_rows: 'opendata',
  dataset_versions: 'opendata',
  dataset_events: 'opendata',
  data_access_applications: 'opendata',
  data_access_events: 'opendata',
  data_demands: 'opendata',
  data_demand_events: 'opendata',
  data_case_counters: 'opendata',
  gazette_issues: 'gazette',
  gazette_entries: 'gazette',
  gazette_events: 'gazette',
  cleanup_campaigns: 'normative',
  cleanup_decisions: 'normative',
  filing_reviews: 'normative',
  cleanup_events: 'normative',
  enforcement_imports: 'enforcement',
  enforcement_decisions: 'enforcement',
  enforcement_events: 'enforcement',
  enforcement_register: 'enforcement',
  enforcement_register_events: 'enforcement',
  enforcement_draws: 'enforcement',
  enforcement_annual_stats: 'enforcement',
  concern_events: 'answers',
};

/**
 * Reads of other modules' tables that are allowed: module → tables. The unit tree (units) is read by every module
 * to scope its records; the rest are read models that present or count another module's records.
 */
const READ_MODELS: Record<string, string[]> = {
  api: ['units'],
  audit: ['units'],
  publishing: ['units'],
  catalogues: ['units', 'information_items', 'item_versions'],
  portal: ['units', 'information_items', 'item_versions', 'item_links', 'attachments', 'blobs'],
  search: ['units', 'information_items', 'item_versions'],
  reports: ['units', 'information_items', 'item_versions', 'item_events', 'request_cases', 'case_events', 'case_reviews'],
  requests: ['units', 'users', 'role_assignments', 'blobs'],
  participation: ['units', 'information_items', 'item_versions', 'blobs'],
  messages: ['units'],
  proposals: ['units', 'information_items', 'item_versions'],
  answers: ['units', 'information_items', 'item_versions', 'catalogue_areas', 'catalogues', 'catalogue_items'],
  opendata: ['units', 'catalogue_areas', 'blobs', 'catalogues', 'catalogue_items'],
  gazette: ['units', 'information_items', 'item_versions', 'blobs'],
  normative: ['units', 'information_items', 'item_versions'],
  enforcement: ['units'],
  supervision: ['information_items', 'item_versions', 'item_links', 'request_cases'],
};

function sqlOf(file: string): { table: string; write: boolean }[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: { table: string; write: boolean }[] = [];
  for (const m of src.matchAll(/\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|FROM|JOIN)\s+([a-z_]+)\b/gi)) {
    const table = m[2].toLowerCase();
    if (!(table in OWNER)) continue;
    out.push({ table, write: /^(insert|update|delete)/i.test(m[1]) });
  }
  return out;
}

function moduleFiles(): { module: string; file: string }[] {
  const out: { module: string; file: string }[] = [];
  const walk = (dir: string, module: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, module);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/\.task\.ts$/.test(e.name)) out.push({ module, file: p });
    }
  };
  for (const m of fs.readdirSync('src/modules')) walk(path.join('src/modules', m), m);
  return out;
}

test('modules write only their own tables, and read others only through the listed read models', () => {
  const writes: string[] = [];
  const reads = new Map<string, Set<string>>();
  for (const { module, file } of moduleFiles()) {
    for (const { table, write } of sqlOf(file)) {
      const owner = OWNER[table];
      if (owner === module || owner === 'lib') continue;
      if (write) writes.push(`${file} writes ${table} (owned by ${owner})`);
      else if (!(READ_MODELS[module] ?? []).includes(table)) (reads.get(module) ?? reads.set(module, new Set()).get(module)!).add(table);
    }
  }
  assert.deepEqual(writes, [], 'a write into another module’s table: call the owning module’s command instead');
  assert.deepEqual(Object.fromEntries([...reads].map(([m, t]) => [m, [...t].sort()])), {}, 'an unlisted read of another module’s table');
});

test('code outside a module imports it only through its index.ts', () => {
  const offenders: string[] = [];
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  // Tests and the test support may reach inside a module (factories, fixtures); running code may not.
  const sources = [...walk('src'), ...walk('bench')].filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.') && !f.startsWith(path.join('src', 'testing')));
  const moduleOf = (f: string) => /src\/modules\/([a-z]+)\//.exec(f.split(path.sep).join('/'))?.[1];
  for (const f of sources) {
    const from = moduleOf(f);
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = path.normalize(path.join(path.dirname(f), m[1]));
      const to = moduleOf(target);
      if (to && to !== from && path.basename(target) !== 'index.ts') offenders.push(`${f} → ${m[1]}`);
    }
  }
  assert.deepEqual(offenders, []);
});
