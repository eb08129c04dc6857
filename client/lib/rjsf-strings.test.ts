import { TranslatableString } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { translatorFor } from './rjsf-strings.ts';

describe("RJSF's own strings", () => {
  it('are Indonesian on an Indonesian page, with their parameters filled in', () => {
    const t = translatorFor('id');
    expect(t(TranslatableString.AddItemButton)).toBe('Tambah butir');
    expect(t(TranslatableString.TitleOptionPrefix, ['Jenis', '2'])).toBe('Jenis pilihan 2');
    expect(t(TranslatableString.FilesInfo, ['ktp.jpg', 'image/jpeg', '2048'])).toBe('**ktp.jpg** (image/jpeg, 2048 bita)');
  });

  it("are RJSF's English ones on an English page", () => {
    const t = translatorFor('en');
    expect(t(TranslatableString.AddItemButton)).toBe('Add Item');
    expect(t(TranslatableString.OptionPrefix, ['3'])).toBe('Option 3');
  });

  it('leave no Indonesian text equal to the English one, except where the word is the same', () => {
    const id = translatorFor('id');
    const same = Object.values(TranslatableString).filter((s) => id(s) === s);
    expect(same).toEqual([]);
  });
});
