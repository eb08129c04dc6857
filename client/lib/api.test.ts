import { afterEach, describe, expect, it } from 'vitest';
import { ApiProblem } from './api.ts';
import { setLang } from './i18n.ts';

const body = {
  type: 'https://alur.dev/problems/invalid-data',
  title: 'Data tidak valid',
  detail: 'Periksa isian yang ditandai.',
  status: 422,
  errors: [
    { pointer: '/nik', message: 'NIK harus 16 angka', messages: { id: 'NIK harus 16 angka', en: 'NIK must be 16 digits' } },
    { pointer: '/x', message: 'only one language' },
  ],
  i18n: { title: { id: 'Data tidak valid', en: 'Invalid data' }, detail: { id: 'Periksa isian yang ditandai.', en: 'Check the marked fields.' } },
};

describe('a problem on screen follows a language switch', () => {
  afterEach(() => setLang('id'));

  it('reads its title, detail and field messages in the current language', () => {
    setLang('id');
    const p = new ApiProblem(422, body, 'Kesalahan');
    expect([p.title, p.detail, p.errors[0]?.message]).toEqual(['Data tidak valid', 'Periksa isian yang ditandai.', 'NIK harus 16 angka']);
    setLang('en');
    expect([p.title, p.detail, p.errors[0]?.message]).toEqual(['Invalid data', 'Check the marked fields.', 'NIK must be 16 digits']);
    expect(p.errors[1]?.message).toBe('only one language'); // kept as sent
  });

  it('keeps what was sent when the server gave one language only', () => {
    const p = new ApiProblem(409, { title: 'Konflik', detail: 'Sudah diambil.' }, 'Kesalahan');
    setLang('en');
    expect([p.title, p.detail, p.errors]).toEqual(['Konflik', 'Sudah diambil.', []]);
  });
});
