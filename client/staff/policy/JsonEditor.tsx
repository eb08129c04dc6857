/**
 * A JSON editor (CodeMirror 6 through @uiw/react-codemirror) with, when given a JSON Schema,
 * completion, hover and lint from codemirror-json-schema, plus extra diagnostics (the server
 * validator's findings) and a handle to move the cursor to a range. The editable content has an
 * accessible name; Tab indents only after the user pressed a key inside (Esc then Tab leaves).
 */
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { jsonSchema } from 'codemirror-json-schema';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react';

/** Dispatched when the extra diagnostics change, so the linter runs again without an edit. */
const relint = StateEffect.define<null>();

export type JsonEditorHandle = { select(from: number, to?: number): void };

type Props = {
  value: string;
  onChange: (text: string) => void;
  label: string;
  /** JSON Schema for completion, hover and lint. */
  schema?: Record<string, unknown>;
  /** Extra diagnostics computed from the current text (e.g. server findings located in it). */
  diagnostics?: (text: string) => Diagnostic[];
  readOnly?: boolean;
  height?: string;
  describedBy?: string;
};

export const JsonEditor = forwardRef<JsonEditorHandle, Props>(function JsonEditor(
  { value, onChange, label, schema, diagnostics, readOnly = false, height = '32rem', describedBy },
  ref,
) {
  const cm = useRef<ReactCodeMirrorRef>(null);
  const extra = useRef(diagnostics);
  extra.current = diagnostics;

  const extensions = useMemo(
    () => [
      ...(schema ? jsonSchema(schema as never) : [json(), linter(jsonParseLinter())]),
      linter((view) => extra.current?.(view.state.doc.toString()) ?? [], {
        delay: 300,
        needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(relint))),
      }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
    ],
    [schema, label, describedBy],
  );

  // New findings: lint again now rather than on the next edit.
  useEffect(() => {
    cm.current?.view?.dispatch({ effects: relint.of(null) });
  }, [diagnostics]);

  useImperativeHandle(ref, () => ({
    select(from, to = from) {
      const view = cm.current?.view;
      if (!view) return;
      const len = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(from, len), head: Math.min(to, len) }, scrollIntoView: true });
      view.focus();
    },
  }));

  return (
    <div className="policy-json">
      <CodeMirror
        ref={cm}
        value={value}
        onChange={onChange}
        extensions={extensions}
        readOnly={readOnly}
        editable={!readOnly}
        height={height}
        basicSetup={{ foldGutter: true, highlightActiveLine: true, tabSize: 2 }}
        indentWithTab={false}
        onCreateEditor={(view) => {
          // A read-only editor has no editable content to focus: its scroller takes focus, so it scrolls by keyboard.
          if (readOnly) view.scrollDOM.tabIndex = 0;
        }}
      />
    </div>
  );
});
