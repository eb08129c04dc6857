import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, setLang, type Lang } from '../lib/i18n.ts';
import type { StepInfo } from '../lib/stepper.ts';
import { Stepper } from './Stepper.tsx';

const steps = (n: number): StepInfo[] =>
  Array.from({ length: n }, (_, i) => ({ id: `step${i + 1}`, order: i + 1, label: { id: `Bagian ${i + 1}`, en: `Part ${i + 1}` } }));

function render(lang: Lang, all: StepInfo[], at: number) {
  setLang(lang);
  return renderToStaticMarkup(
    <I18nProvider>
      <Stepper steps={all} current={all[at - 1]} />
    </I18nProvider>,
  );
}
const textOf = (html: string, cls: string) => new RegExp(`<span class="${cls}">([^<]*)</span>`).exec(html)?.[1];

afterEach(() => setLang('id'));

describe('Stepper', () => {
  it('says where the applicant is among 20 steps, with the step name, in both languages', () => {
    const id = render('id', steps(20), 3);
    expect(id).toContain('class="stepper stepper--compact"');
    expect(textOf(id, 'stepper__where')).toBe('Langkah 3 dari 20: Bagian 3');
    expect(textOf(render('en', steps(20), 3), 'stepper__where')).toBe('Step 3 of 20: Part 3');
  });

  it('keeps every step in one list, the current one marked for screen readers', () => {
    const html = render('id', steps(20), 3);
    expect(html.match(/<ol class="stepper__list">/g)).toHaveLength(1);
    expect(html.match(/<li /g)).toHaveLength(20);
    expect(html.match(/aria-current="step"/g)).toHaveLength(1);
    expect(html).toMatch(/<li class="stepper__item stepper__item--current" aria-current="step">.*?Bagian 3/);
    expect(html).toContain('Bagian 20<span class="visually-hidden"> (belum dimulai)</span>');
  });

  it('keeps the row of names for a few steps, with the plain count beside it', () => {
    const html = render('en', steps(5), 2);
    expect(html).toContain('class="stepper stepper--row"');
    expect(textOf(html, 'stepper__count')).toBe('Step 2 of 5');
    expect(textOf(html, 'stepper__where')).toBe('Step 2 of 5: Part 2');
  });
});
