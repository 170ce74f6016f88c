// Typed commands of the Strings view (the site's Fluent files). Types mirror
// copydesk-core's strings.rs and copydesk-l10n's check/edit/preview types.
import { call } from "./index";

export type Severity = "error" | "warning";

export interface Finding {
  locale: string;
  path: string;
  line: number | null;
  column: number | null;
  id: string | null;
  kind: string;
  severity: Severity;
  message: string;
  args: Record<string, string>;
}

export interface Stats {
  total: number;
  translated: number;
  missing: number;
  obsolete: number;
  with_errors: number;
  with_warnings: number;
  errors: number;
  warnings: number;
}

export interface PluralInfo {
  categories: string[];
  required: string[];
  samples: string[];
}

export interface StringsLink {
  path: string;
  reference: string;
}

export interface StringsFileSummary {
  path: string;
  in_reference: boolean;
  in_locale: boolean;
  stats: Stats;
}

export interface StringsLocale {
  locale: string;
  is_reference: boolean;
  stats: Stats;
  plural: PluralInfo;
  files: StringsFileSummary[];
}

export interface StringsOverview {
  link: StringsLink;
  locales: StringsLocale[];
}

export type StringsFilter = "all" | "missing" | "errors" | "warnings";

export interface StringsQuery {
  locale: string;
  path: string | null;
  filter: StringsFilter;
  search: string;
}

export interface VariantModel {
  key: string;
  text: string;
  default: boolean;
}

export interface SelectModel {
  prefix: string;
  selector: string;
  variants: VariantModel[];
  suffix: string;
  plural: boolean;
}

export interface PatternModel {
  text: string;
  select: SelectModel | null;
}

export interface AttributeModel {
  name: string;
  pattern: PatternModel;
}

export interface MessageModel {
  id: string;
  value: PatternModel | null;
  attributes: AttributeModel[];
}

export interface MessageView {
  ftl: string;
  comment: string | null;
  model: MessageModel | null;
}

export type MessageStatus = "ok" | "missing" | "error" | "warning" | "obsolete";

export interface MessageRow {
  path: string;
  id: string;
  is_term: boolean;
  status: MessageStatus;
  reference: MessageView | null;
  target: MessageView | null;
  findings: Finding[];
}

export interface StringsFileInfo {
  path: string;
  version: string | null;
  writable: boolean;
  findings: Finding[];
}

export interface MessageList {
  locale: string;
  reference: string;
  rows: MessageRow[];
  files: StringsFileInfo[];
  truncated: number;
}

export interface DraftInput {
  locale: string;
  path: string;
  id: string;
  source: string | null;
  model: MessageModel | null;
  args: Record<string, string>;
}

export interface PreviewLine {
  attribute: string | null;
  category: string | null;
  sample: string | null;
  text: string;
  errors: string[];
}

export interface DraftResult {
  source: string;
  model: MessageModel | null;
  findings: Finding[];
  saveable: boolean;
  preview: PreviewLine[];
  args: Record<string, string>;
  plural: PluralInfo;
  reference: MessageView | null;
  version: string | null;
  exists: boolean;
}

export interface SaveInput {
  locale: string;
  path: string;
  id: string;
  source: string;
  version: string | null;
}

export interface SaveResult {
  version: string;
  row: MessageRow;
}

export const stringsOverview = () => call<StringsOverview | null>("strings_overview");
export const stringsLink = (path: string, reference: string | null) =>
  call<StringsOverview>("strings_link", { path, reference });
export const stringsMessages = (query: StringsQuery) => call<MessageList>("strings_messages", { query });
export const stringsDraft = (input: DraftInput) => call<DraftResult>("strings_draft", { input });
export const stringsSave = (input: SaveInput) => call<SaveResult>("strings_save", { input });
