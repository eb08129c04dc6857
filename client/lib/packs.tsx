/**
 * What a domain pack adds to the web app (its client part, client/domain/<pack>/), and how generic
 * pages reach it: through context, never by importing a pack. client/app/packs.ts (the composition
 * root) lists the installed packs and main.tsx provides them. A pack keeps its heavy parts lazy
 * (React.lazy), so the applicant's first page stays small.
 */
import { createContext, createElement, lazy, Suspense, useContext, type ComponentType, type ReactNode } from 'react';
import type { RegistryFieldsType, RegistryWidgetsType, RJSFSchema } from '@rjsf/utils';
import type { ApplicationView, HistoryEntry, I18nText, User } from './types.ts';

type Data = Record<string, unknown>;

/** Props of a pack's panel on the application page (payment, confirmation…). */
export type ApplicationPanelProps = {
  view: ApplicationView;
  /** Loads the application again quietly (a payment may have arrived); the page keeps the newer version. */
  onRefresh: () => Promise<void>;
  /** After something outside the page changed the application (a sandbox payment): reload, announce, focus. */
  onChanged: () => Promise<void>;
};

/** A page a pack adds to a staff area (`/officer/<path>`), with its navigation label. */
export type StaffPage = {
  area: 'officer';
  path: string;
  label: I18nText;
  Page: ComponentType;
  /** Who the page is for (e.g. staff bound to an office); everyone in the area when absent. */
  for?: (user: User) => boolean;
};

export type ClientPack = {
  name: string;
  /** The RJSF widgets (`ui:widget`) and fields (`ui:field`) its forms name; the names its vocabulary declares. */
  widgets?: RegistryWidgetsType<Data, RJSFSchema>;
  fields?: RegistryFieldsType<Data, RJSFSchema>;
  /** Shown on the applicant's application page below its status when it has something to show (else it renders null). */
  ApplicationPanel?: ComponentType<ApplicationPanelProps>;
  /** Shown on the status page above the generic "what happens next" when it has something more specific (else null). */
  NextStepPanel?: ComponentType<{ view: ApplicationView; now: number }>;
  /** Shown on a staff member's work page of an application (e.g. who came to the counter), or null. */
  WorkPanel?: ComponentType<{ view: ApplicationView }>;
  /**
   * Facts worth telling in a history entry, in the reader's language (a queue number, a date);
   * `view` is the application the history belongs to (its document kinds' names, …).
   */
  timelineDetails?: (
    entry: HistoryEntry & { facts?: unknown },
    tx: (text: I18nText) => string,
    formatDate: (ymd: string) => string,
    view?: ApplicationView,
  ) => string[];
  /** Pages in staff areas. */
  staffPages?: StaffPage[];
};

const PacksContext = createContext<readonly ClientPack[]>([]);

export function PacksProvider({ packs, children }: { packs: readonly ClientPack[]; children: ReactNode }) {
  return createElement(PacksContext.Provider, { value: packs }, children);
}

/** The installed packs' client parts. */
export function usePacks(): readonly ClientPack[] {
  return useContext(PacksContext);
}

/**
 * A pack's component loaded when first shown (React.lazy), inside its own Suspense boundary so
 * the page around it stays as it is meanwhile (`fallback`: what shows until it has loaded). This
 * keeps a pack's heavy parts out of the first page's download.
 */
export function lazyComponent<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, fallback: ReactNode = null): ComponentType<P> {
  const Lazy = lazy(load);
  function Loaded(props: P) {
    return createElement(Suspense, { fallback }, createElement(Lazy as ComponentType<P>, props));
  }
  return Loaded;
}
