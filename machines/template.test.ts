import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.ts';

describe('renderTemplate', () => {
  const vars = { data: { fullName: 'Siti Aminah', age: 30, paid: false, office: { code: 'JKT' }, tags: ['a'] }, applicationId: 'app-7' };

  it('fills dotted placeholders, with or without spaces inside the braces', () => {
    expect(renderTemplate('Halo {{data.fullName}} ({{ applicationId }})', vars)).toBe('Halo Siti Aminah (app-7)');
    expect(renderTemplate('{{data.office.code}}', vars)).toBe('JKT');
  });

  it('writes numbers and booleans as text', () => {
    expect(renderTemplate('{{data.age}} {{data.paid}}', vars)).toBe('30 false');
  });

  it('renders missing values, objects and arrays as the empty string', () => {
    expect(renderTemplate('[{{data.surname}}|{{nope.deeper}}|{{data.office}}|{{data.tags}}]', vars)).toBe('[|||]');
  });

  it('never reaches prototypes or runs code', () => {
    expect(renderTemplate('{{constructor}}{{data.constructor.name}}{{__proto__}}{{toString}}', vars)).toBe('');
    expect(renderTemplate('{{ data.fullName.constructor("return 1")() }}', vars)).toBe('{{ data.fullName.constructor("return 1")() }}');
  });

  it('writes money (a number under a key named amount) in groups, like the web app', () => {
    const money = { context: { payment: { amount: 1350000, lines: { 0: { amount: 350000 } } }, queueNumber: 1234 }, amount: 56, data: { amountText: 'x', amount: '1350000' } };
    expect(renderTemplate('Bayar Rp {{context.payment.amount}}', money)).toBe('Bayar Rp 1.350.000');
    expect(renderTemplate('Rp {{context.payment.lines.0.amount}} / {{amount}}', money)).toBe('Rp 350.000 / 56');
    expect(renderTemplate('Pay Rp {{context.payment.amount}}', money, { locale: 'en' })).toBe('Pay Rp 1,350,000');
    // other numbers stay as they are; a string is never reformatted
    expect(renderTemplate('{{context.queueNumber}} {{data.amount}} {{data.amountText}}', money)).toBe('1234 1350000 x');
  });

  it('leaves text that is not a placeholder alone', () => {
    expect(renderTemplate('{ {data.age} } {{}} {{data age}}', vars)).toBe('{ {data.age} } {{}} {{data age}}');
  });
});
