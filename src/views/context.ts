import type { Actor } from '../lib/authz.ts';

/** What every template may need about the request, built once per request by the app. */
export interface ViewContext {
  siteName: string;
  path: string;
  /** Current URL path with query, for "come back here" links. */
  url: string;
  script: 'hans' | 'hant';
  large: boolean;
  actor: Actor;
  csrf: string;
  baseUrl: string;
}
