/**
 * The drafts of one application's forms in React: kept in state (so the forms are controlled and
 * a language switch changes nothing), written to localStorage shortly after the typing stops and
 * at once when the page is hidden or left, loaded back on a reload or a later visit.
 * See drafts.ts for the storage format and the 30-day expiry.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browserStorage, loadDrafts, pruneDrafts, removeDraft, saveDraft, type KeyValueStorage } from './drafts.ts';

type Data = Record<string, unknown>;

export type Drafts = {
  /** What was typed in the form `formId` and not sent yet (here or on an earlier visit). */
  get: (formId: string) => Data | undefined;
  set: (formId: string, data: Data) => void;
  /** Forgets the draft (after the form was sent). */
  clear: (formId: string) => void;
  /** True if the draft of `formId` was found in storage when the page opened. */
  restored: (formId: string) => boolean;
};

type State = { applicationId: string; data: Record<string, Data>; restored: ReadonlySet<string> };
type PendingWrite = { applicationId: string; formId: string; data: Data; timer: ReturnType<typeof setTimeout> };

let prunedThisPage = false;

function load(storage: KeyValueStorage | null, applicationId: string): State {
  const data: Record<string, Data> = {};
  if (storage) {
    const now = Date.now();
    if (!prunedThisPage) {
      prunedThisPage = true;
      pruneDrafts(storage, now);
    }
    for (const [formId, draft] of Object.entries(loadDrafts(storage, applicationId, now))) data[formId] = draft.data;
  }
  return { applicationId, data, restored: new Set(Object.keys(data)) };
}

const pendingKey = (applicationId: string, formId: string) => `${applicationId}\n${formId}`;

export function useDrafts(applicationId: string, delayMs = 400): Drafts {
  const storage = useMemo(() => browserStorage(), []);
  const [state, setState] = useState(() => load(storage, applicationId));
  // NOTE: another application opened in the same page: its own drafts (React re-renders at once).
  let current = state;
  if (state.applicationId !== applicationId) {
    current = load(storage, applicationId);
    setState(current);
  }
  const pending = useRef(new Map<string, PendingWrite>());

  const flush = useCallback(() => {
    for (const w of pending.current.values()) {
      clearTimeout(w.timer);
      if (storage) saveDraft(storage, w.applicationId, w.formId, w.data, Date.now());
    }
    pending.current.clear();
  }, [storage]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [flush]);

  const set = useCallback(
    (formId: string, data: Data) => {
      setState((s) => (s.applicationId === applicationId ? { ...s, data: { ...s.data, [formId]: data } } : s));
      if (!storage) return;
      const key = pendingKey(applicationId, formId);
      const before = pending.current.get(key);
      if (before) clearTimeout(before.timer);
      const timer = setTimeout(() => {
        pending.current.delete(key);
        saveDraft(storage, applicationId, formId, data, Date.now());
      }, delayMs);
      pending.current.set(key, { applicationId, formId, data, timer });
    },
    [applicationId, storage, delayMs],
  );

  const clear = useCallback(
    (formId: string) => {
      const key = pendingKey(applicationId, formId);
      const before = pending.current.get(key);
      if (before) clearTimeout(before.timer);
      pending.current.delete(key);
      if (storage) removeDraft(storage, applicationId, formId);
      setState((s) => {
        if (s.applicationId !== applicationId) return s;
        const { [formId]: _gone, ...data } = s.data;
        const restored = new Set(s.restored);
        restored.delete(formId);
        return { ...s, data, restored };
      });
    },
    [applicationId, storage],
  );

  const { data, restored } = current;
  return useMemo(
    () => ({ get: (formId: string) => data[formId], set, clear, restored: (formId: string) => restored.has(formId) }),
    [data, restored, set, clear],
  );
}
