import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, setLang, type Lang } from '../lib/i18n.ts';
import { translatorFor } from '../lib/rjsf-strings.ts';
import { formTemplates } from './rjsf-templates.tsx';

type Data = Record<string, unknown>;
const validator = customizeValidator<Data, RJSFSchema>();

const SCHEMA: RJSFSchema = {
  type: 'object',
  properties: {
    dependants: {
      type: 'array',
      title: 'Tanggungan',
      items: { type: 'object', properties: { name: { type: 'string', title: 'Nama' } } },
    },
    notes: { type: 'array', items: { type: 'string' } },
    extra: { type: 'object', additionalProperties: { type: 'string' } },
  },
};
const DATA = { dependants: [{ name: 'Ayu' }, { name: 'Budi' }, { name: 'Citra' }], notes: ['a'], extra: {} };

function render(lang: Lang, uiSchema: UiSchema<Data, RJSFSchema> = {}) {
  setLang(lang);
  return renderToStaticMarkup(
    <I18nProvider>
      <Form<Data, RJSFSchema>
        schema={SCHEMA}
        uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { norender: true } }}
        formData={DATA}
        validator={validator}
        templates={formTemplates}
        translateString={translatorFor(lang)}
      />
    </I18nProvider>,
  );
}

/** The `<button>` with this id, as markup. */
function button(html: string, id: string): string {
  const m = new RegExp(`<button[^>]*id="${id}"[^>]*>.*?</button>`).exec(html);
  if (!m) throw new Error(`no button ${id}`);
  return m[0];
}
const nameOf = (b: string) => /aria-label="([^"]*)"/.exec(b)?.[1];
const textOf = (b: string) => b.replace(/<svg.*?<\/svg>/g, '').replace(/<[^>]+>/g, '');

afterEach(() => setLang('id'));

describe('list field buttons', () => {
  it('show an icon and a text, never an icon font', () => {
    const html = render('id');
    expect(html).not.toContain('glyphicon');
    for (const id of ['root_dependants_1__moveUp', 'root_dependants_1__moveDown', 'root_dependants_1__remove', 'root_dependants__add']) {
      const b = button(html, id);
      expect(b).toMatch(/^<button type="button"/);
      expect(b).toMatch(/<svg[^>]*aria-hidden="true"/);
      expect(textOf(b).trim()).not.toBe('');
    }
  });

  it('name the item and the list they act on, in Indonesian', () => {
    const html = render('id');
    expect(textOf(button(html, 'root_dependants_1__remove'))).toBe('Hapus');
    expect(nameOf(button(html, 'root_dependants_1__remove'))).toBe('Hapus butir 2 dari Tanggungan');
    expect(nameOf(button(html, 'root_dependants_1__moveUp'))).toBe('Pindah ke atas: butir 2 dari Tanggungan');
    expect(nameOf(button(html, 'root_dependants_2__moveDown'))).toBe('Pindah ke bawah: butir 3 dari Tanggungan');
    expect(textOf(button(html, 'root_dependants__add'))).toBe('Tambah butir');
    expect(nameOf(button(html, 'root_dependants__add'))).toBe('Tambah butir ke Tanggungan');
  });

  it('name the item and the list they act on, in English', () => {
    const html = render('en');
    expect(textOf(button(html, 'root_dependants_1__remove'))).toBe('Remove');
    expect(nameOf(button(html, 'root_dependants_1__remove'))).toBe('Remove item 2 of Tanggungan');
    expect(nameOf(button(html, 'root_dependants_0__moveDown'))).toBe('Move down: item 1 of Tanggungan');
    expect(nameOf(button(html, 'root_dependants__add'))).toBe('Add item to Tanggungan');
  });

  it("start each name with the button's visible text", () => {
    for (const lang of ['id', 'en'] as const) {
      const named = [...render(lang).matchAll(/<button[^>]*aria-label[^>]*>.*?<\/button>/g)].map(([b]) => b);
      expect(named.length).toBeGreaterThan(10);
      for (const b of named) expect(nameOf(b)?.startsWith(textOf(b))).toBe(true);
    }
  });

  it("keep RJSF's rules: the first item cannot move up, the last cannot move down", () => {
    const html = render('id');
    expect(button(html, 'root_dependants_0__moveUp')).toContain('disabled');
    expect(button(html, 'root_dependants_2__moveDown')).toContain('disabled');
    expect(button(html, 'root_dependants_1__moveUp')).not.toContain('disabled');
  });

  it('offer copy where the uiSchema asks for it', () => {
    const html = render('en', { dependants: { 'ui:options': { copyable: true } } });
    expect(nameOf(button(html, 'root_dependants_0__copy'))).toBe('Copy item 1 of Tanggungan');
    expect(textOf(button(html, 'root_dependants_0__copy'))).toBe('Copy');
  });

  it('put each item in a box with its buttons', () => {
    const html = render('id');
    expect(html.match(/class="rjsf-array-item array-item"/g)).toHaveLength(4);
    expect(html.match(/class="array-item__toolbar"/g)).toHaveLength(4);
  });

  it("say plainly \"Tambah\" where the add button is not a list's", () => {
    const html = render('id');
    const add = button(html, 'root_extra__add');
    expect(textOf(add)).toBe('Tambah');
    expect(nameOf(add)).toBeUndefined();
  });
});
