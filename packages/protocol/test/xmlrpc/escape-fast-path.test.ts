import { escapeXmlText, toXmlSafeText } from '../../src/xmlrpc/encode';

/** The escaping without any shortcut: XML-safe text, then `&`, `<`, `>`. */
function fullEscape(text: string): string {
  return toXmlSafeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('escapeXmlText', () => {
  it('returns plain text unchanged (the same string) and agrees with the full escaping', () => {
    const plain = 'prog_1:worker pid 1234, uptime 0:01:02 /var/log/x.log é 日本 \u{1F600}\t\n\r';
    expect(escapeXmlText(plain)).toBe(plain);
    expect(escapeXmlText(plain)).toBe(fullEscape(plain));
  });

  it('agrees with the full escaping on texts mixing every kind of special character', () => {
    const alphabet = ['a', ' ', '&', '<', '>', '\u0000', '\u0008', '\t', '\n', '\u000B', '\r', '\u001F', '\uD800', '\uDC00', '\uFFFE', '\uFFFF', 'é', '\u{1F600}'];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * n);
    };
    let changed = 0;
    for (let i = 0; i < 2000; i += 1) {
      let text = '';
      const length = random(8);
      for (let j = 0; j < length; j += 1) text += alphabet[random(alphabet.length)];
      const expected = fullEscape(text);
      if (expected !== text) changed += 1;
      expect(escapeXmlText(text)).toBe(expected);
    }
    expect(changed).toBeGreaterThan(1000);
  });
});
