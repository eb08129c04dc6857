/** Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs; panels stay mounted (hidden). */
import { useRef, type ReactNode } from 'react';

export type TabDef<K extends string> = { id: K; label: string; panel: ReactNode };

export function Tabs<K extends string>({ tabs, selected, onSelect, label, idPrefix }: { tabs: TabDef<K>[]; selected: K; onSelect: (id: K) => void; label: string; idPrefix: string }) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (from: number, delta: number | 'first' | 'last') => {
    const n = tabs.length;
    const to = delta === 'first' ? 0 : delta === 'last' ? n - 1 : (from + delta + n) % n;
    const tab = tabs[to]!;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div className="policy-tabs">
      <div role="tablist" aria-label={label} className="policy-tabs__list">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="policy-tabs__tab"
            onClick={() => onSelect(tab.id)}
            onKeyDown={(e) => {
              const key = { ArrowRight: 1, ArrowLeft: -1, Home: 'first', End: 'last' } as const;
              const d = key[e.key as keyof typeof key];
              if (d === undefined) return;
              e.preventDefault();
              move(i, d);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${idPrefix}-panel-${tab.id}`}
          aria-labelledby={`${idPrefix}-tab-${tab.id}`}
          hidden={tab.id !== selected}
          tabIndex={0}
          className="policy-tabs__panel"
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
