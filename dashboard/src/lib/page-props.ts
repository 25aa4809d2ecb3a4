// What App hands every page component.
import type { MetaResponse } from '../../api-contract.ts';
import type { Lang } from './i18n.ts';
import type { ViewState } from './url-state.ts';

export interface PageProps {
  meta: MetaResponse;
  view: ViewState;
  lang: Lang;
  /** Changes the view (and the URL): open a district, change a filter, switch page. */
  navigate: (next: ViewState) => void;
}
