import { describe, expect, it } from 'vitest';
import { countNoun, formatNumber, numberWord } from '../../../shared/report/number-words';

describe('numberWord', () => {
  it('writes zero to twenty as words', () => {
    expect([0, 1, 2, 3, 7, 11, 12, 14, 15, 19, 20].map(numberWord)).toEqual([
      'zero', 'one', 'two', 'three', 'seven', 'eleven', 'twelve', 'fourteen', 'fifteen', 'nineteen', 'twenty',
    ]);
  });

  it('writes numbers above twenty as digits, with thousands separators', () => {
    expect(numberWord(21)).toBe('21');
    expect(numberWord(95)).toBe('95');
    expect(numberWord(1542)).toBe('1,542');
  });

  it('writes what is not a count in digits rather than guessing a word', () => {
    expect(numberWord(-1)).toBe('-1');
    expect(numberWord(2.5)).toBe('2.5');
  });
});

describe('formatNumber', () => {
  it('groups thousands and keeps decimals', () => {
    expect(formatNumber(1602453)).toBe('1,602,453');
    expect(formatNumber(2744)).toBe('2,744');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(3.2)).toBe('3.2');
    expect(formatNumber(-12345.75)).toBe('-12,345.75');
  });
});

describe('countNoun', () => {
  it('uses the singular for one', () => {
    expect(countNoun(1, 'recommendation')).toBe('1 recommendation');
    expect(countNoun(8, 'recommendation')).toBe('8 recommendations');
    expect(countNoun(0, 'recommendation')).toBe('0 recommendations');
  });
});
