/** The publishing module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { addAttachments, storeBlob } from './commands/attachments.ts';
export { changeValidity } from './commands/changeValidity.ts';
export { fileUnderCatalogue, updateDerivedText } from './commands/derived.ts';
export { importItem } from './commands/importItem.ts';
export { saveDraft } from './commands/saveDraft.ts';
export { publishDue, transitionItem } from './commands/transition.ts';
export { normalizeDocNo, parseDocNo } from './docNo.ts';
export { importDocx } from './docxImport.ts';
export { sendBlob } from './download.ts';
export { detectPersonalData, isValidIdCard, maskInText, PERSONAL_DATA_LABELS } from './personalData.ts';
export { itemQueueCounts, countUnresolvedFindings, getItem, getVersion, latestVersion, linkedItems, listAttachments, resolveItemRefs } from './queries.ts';
export type { AttachmentRow, ItemRow, VersionRow } from './queries.ts';
export { registerPublishingStaffRoutes } from './routes.staff.tsx';
export { RHYTHMS, RHYTHM_DAYS, sectionsForUnit } from './sections.ts';
export type { UnitSection } from './sections.ts';
export { GENRES, INTERPRETATION_FORMS, LEGAL_FORMS, SECTIONS, SECTION_BY_CODE, TOPICS, TOPIC_VALUES, VALIDITY } from './taxonomy.ts';
export { checkUpload, extractText } from './uploads.ts';
export { PUBLICATION_LIMIT_WORKING_DAYS } from './timeliness.ts';
