import { escapeHtml, html, quoteUrlComponent, raw } from '../../src/web/html';

describe('escapeHtml', () => {
  it('escapes every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });

  it('escapes an ampersand even when it already looks like an entity', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });
});

describe('html template', () => {
  it('escapes interpolated text but keeps nested templates and raw fragments', () => {
    const name = '<b>x</b>';
    const out = html`<p title="${name}">${name}${html`<i>${'&'}</i>`}${raw('<br>')}</p>`;
    expect(out.html).toBe('<p title="&lt;b&gt;x&lt;/b&gt;">&lt;b&gt;x&lt;/b&gt;<i>&amp;</i><br></p>');
  });

  it('renders nothing for null, undefined and false', () => {
    expect(html`[${null}${undefined}${false}]`.html).toBe('[]');
  });
});

describe('quoteUrlComponent', () => {
  it('encodes a namespec like the 4.2.5 status page (colon encoded, slash kept)', () => {
    expect(quoteUrlComponent('apps:api')).toBe('apps%3Aapi');
    expect(quoteUrlComponent('a/b c')).toBe('a/b%20c');
    expect(quoteUrlComponent("x!'()*~._-")).toBe('x%21%27%28%29%2A~._-');
    expect(quoteUrlComponent('Process web stopped')).toBe('Process%20web%20stopped');
  });
});
