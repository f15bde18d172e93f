import { formatCtime } from '../../src/web/ctime';

describe('formatCtime', () => {
  it('prints local time with a space-padded day of month', () => {
    expect(formatCtime(new Date(2026, 10, 2, 3, 31, 51))).toBe('Mon Nov  2 03:31:51 2026');
    expect(formatCtime(new Date(2026, 10, 22, 13, 1, 2))).toBe('Sun Nov 22 13:01:02 2026');
    expect(formatCtime(new Date(2027, 0, 1, 0, 0, 0))).toBe('Fri Jan  1 00:00:00 2027');
  });
});
