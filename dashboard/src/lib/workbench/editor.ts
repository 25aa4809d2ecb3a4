// The SQL editor: CodeMirror 6 with SQL highlighting and completion of the database's tables and
// columns. Imported only by the workbench page (dynamically), so the first page never loads it.
// Undo history and the standard keys come from @codemirror/commands; Ctrl/Cmd+Enter runs the query.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, type CompletionSource } from '@codemirror/autocomplete';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { Compartment, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers, placeholder,
  type KeyBinding,
} from '@codemirror/view';
import type { SchemaResponse } from '../../../api-contract.ts';
import type { Lang } from '../i18n.ts';
import { columnItems, schemaNamespace } from './completion.ts';

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Accessible name of the text area. */
  label: string;
  placeholderText: string;
  onchange: (doc: string) => void;
  onrun: () => void;
}

export interface SqlEditorHandle {
  view: EditorView;
  setDoc(doc: string): void;
  insert(text: string): void;
  setSchema(schema: SchemaResponse | null, lang: Lang): void;
  focus(): void;
  destroy(): void;
}

// Monospace fonts with Vietnamese glyphs (SF Mono, Consolas, Cascadia) first; where there is none
// (DejaVu Sans Mono and Menlo lack "ố", "ữ"…), the app's own font keeps Vietnamese text correct.
const theme = EditorView.theme({
  '&': { fontSize: '0.95rem', backgroundColor: '#ffffff', minHeight: '9rem', maxHeight: '24rem' },
  '.cm-scroller': { fontFamily: "ui-monospace, Consolas, 'Cascadia Mono', 'Be Vietnam Pro', monospace", lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { minHeight: '9rem', caretColor: '#1b1f24' },
  '&.cm-focused': { outline: '3px solid #0b5cad', outlineOffset: '-3px' },
  '.cm-gutters': { backgroundColor: '#f4f6f8', color: '#4a5560', border: 'none', borderRight: '1px solid #d0d7de' },
  '.cm-activeLine': { backgroundColor: '#eef4fb' },
  '.cm-activeLineGutter': { backgroundColor: '#e1ebf5' },
  '.cm-placeholder': { color: '#5c6670' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: '#0b5cad', color: '#ffffff' },
  '.cm-completionDetail': { color: 'inherit', opacity: '0.85' },
});

export function createSqlEditor(opts: EditorOptions): SqlEditorHandle {
  const language = new Compartment();
  const languageFor = (schema: SchemaResponse | null, lang: Lang): Extension => {
    if (!schema) return sql({ dialect: PostgreSQL, upperCaseKeywords: true });
    const config = { dialect: PostgreSQL, upperCaseKeywords: true, schema: schemaNamespace(schema, lang) };
    const support = sql(config);
    const columns = columnItems(schema, lang);
    // Bare column names (no "table." before them) complete too.
    const columnSource: CompletionSource = (ctx) => {
      const word = ctx.matchBefore(/[\w]+/);
      if (!word || (word.from === word.to && !ctx.explicit)) return null;
      const before = ctx.state.sliceDoc(Math.max(0, word.from - 1), word.from);
      if (before === '.') return null;
      return { from: word.from, options: columns, validFor: /^\w*$/ };
    };
    return [support, support.language.data.of({ autocomplete: columnSource })];
  };

  const run: KeyBinding = {
    key: 'Mod-Enter',
    run: (v) => {
      closeCompletion(v);
      opts.onrun();
      return true;
    },
    preventDefault: true,
  };

  const state = EditorState.create({
    doc: opts.doc,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(false),
      indentOnInput(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      closeBrackets(),
      autocompletion({ activateOnTyping: true, icons: false }),
      highlightActiveLine(),
      history(),
      // autocompletion() adds its own keymap (Enter accepts, Escape closes) at a higher precedence.
      // Tab indents inside the editor; Escape then Tab leaves it (CodeMirror's accessible default).
      keymap.of([run, ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      placeholder(opts.placeholderText),
      language.of(languageFor(null, 'vi')),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': opts.label, 'aria-multiline': 'true', spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) opts.onchange(u.state.doc.toString());
      }),
      theme,
    ],
  });
  const view = new EditorView({ state, parent: opts.parent });

  return {
    view,
    setDoc(doc: string) {
      if (doc === view.state.doc.toString()) return;
      // One undoable step, so Ctrl+Z brings back what was there before an example or history item.
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc }, selection: EditorSelection.cursor(doc.length), userEvent: 'input.replace' });
    },
    insert(text: string) {
      const r = view.state.selection.main;
      view.dispatch({ changes: { from: r.from, to: r.to, insert: text }, selection: EditorSelection.cursor(r.from + text.length), scrollIntoView: true, userEvent: 'input' });
      view.focus();
    },
    setSchema(schema: SchemaResponse | null, lang: Lang) {
      view.dispatch({ effects: language.reconfigure(languageFor(schema, lang)) });
    },
    focus() {
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
