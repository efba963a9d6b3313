import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { BODY_TAGS, htmlToPlainText, inlineMediaIds, sanitizeBody } from './sanitize-body.js';

const ID = '3f2b8c1e-1111-4a2b-9c3d-0123456789ab';

/**
 * Filter-evasion payloads in the style of the OWASP XSS cheat sheet, plus parser
 * differentials (mXSS) and Unicode tricks. Each must come out with nothing executable.
 */
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">',
  `<img data-media-id="${ID}" onerror="alert(1)" src="x">`,
  `<img data-media-id="${ID}" alt="x&quot; onerror=&quot;alert(1)">`,
  '<img """><script>alert(1)</script>">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="jav&#x0D;ascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="jav\nascript:alert(1)">x</a>',
  '<a href=" &#14; javascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="\u0000javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
  '<a href="//evil.example/">x</a>',
  '<a href="/\\evil.example/">x</a>',
  '<a href="/\t/evil.example/">x</a>',
  '<a href="\\\\evil.example/">x</a>',
  '<a href="file:///etc/passwd">x</a>',
  '<a href="https://ok.example" onclick="alert(1)" target="_blank" style="color:red">x</a>',
  '<a href="https://ok.example" rel="opener">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<style>@import "//evil.example/x.css"; body{background:url(javascript:alert(1))}</style>',
  '<p style="width: expression(alert(1))">css</p>',
  '<div style="background-image: url(javascript:alert(1))">css</div>',
  '<p STYLE="behavior: url(xss.htc);">css</p>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type="submit"><button formaction="javascript:alert(1)">x</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<template><img src=x onerror=alert(1)></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
  '<xmp><img title="</xmp><img src=x onerror=alert(1)>"></xmp>',
  '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
  '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
  '<select><template><style><img src=x onerror=alert(1)></style></template></select>',
  '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=alert(1)>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<!-- --!><img src=x onerror=alert(1)> -->',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<?xml version="1.0"?><img src=x onerror=alert(1)>',
  '<p><a href="https://ok.example"><img src=x onerror=alert(1)',
  '<p title="x><img src=x onerror=alert(1)>">x</p>',
  '<<script>alert(1);//<</script>',
  '<img src=x onerror=alert(1)//',
  '<table><tr><td colspan="2 onmouseover=alert(1)">x</td><td rowspan="1000">y</td><th colspan="-1" scope="row" onclick="x">z</th></tr></table>',
  '<ol start="1 onclick=alert(1)" type="a"><li>x</li></ol>',
  '<p id="x" class="y" data-foo="bar" onmouseover="alert(1)">attrs</p>',
  '<h1 onclick="alert(1)">h</h1><h6 style="x">h</h6>',
  '<a href="https://ok.example/\u0338"><b>\u0338 onmouseover=alert(1)</b></a>',
  '<p>&#x338; onmouseover=alert(1) x</p>',
  '<p>\u0338 onmouseover=alert(1) x</p>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<frameset onload=alert(1)>',
  '<applet code="javascript:alert(1)"></applet>',
  '<img src="x:gif" onerror="window[\'al\u0065rt\'](1)">',
  '<a href="java&#115;cript:alert(1)">x</a>',
  '<a href="&#x2F;&#x2F;evil.example">x</a>',
  '<a href="  https://ok.example  ">ok</a>',
  '<plaintext><img src=x onerror=alert(1)>',
  '<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<button onclick="alert(1)">x</button>',
  '<span onmouseover="alert(1)" style="mso-bidi-font-weight:bold">x</span>',
];

const ALLOWED_TAGS = new Set<string>(BODY_TAGS);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], img: ['data-media-id', 'alt'], ol: ['start'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] };

/** What the output parses to: every tag with its attributes, and every comment or processing instruction. */
function parse(html: string): { tags: Array<{ name: string; attribs: Record<string, string> }>; other: string[] } {
  const tags: Array<{ name: string; attribs: Record<string, string> }> = [];
  const other: string[] = [];
  const parser = new Parser({
    onopentag: (name, attribs) => tags.push({ name, attribs }),
    oncomment: (data) => other.push(`comment ${data}`),
    onprocessinginstruction: (name) => other.push(`instruction ${name}`),
    oncdatastart: () => other.push('cdata'),
  });
  parser.write(html);
  parser.end();
  return { tags, other };
}

/** Every way in which `html` (a sanitiser output) breaks the allow-list; empty when it is clean. */
function violations(html: string): string[] {
  const problems: string[] = [];
  const { tags, other } = parse(html);
  problems.push(...other);
  for (const { name, attribs } of tags) {
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag <${name}>`);
    for (const [attribute, value] of Object.entries(attribs)) {
      if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(attribute)) problems.push(`attribute ${attribute} on <${name}>`);
      if (attribute.startsWith('on')) problems.push(`handler ${attribute}`);
      if (attribute === 'href' && !/^(?:https?:|mailto:|tel:|\/(?![/\\]))/i.test(value)) problems.push(`href ${value}`);
      if ((attribute === 'colspan' || attribute === 'rowspan') && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100)) problems.push(`${attribute}=${value}`);
      if (attribute === 'data-media-id' && !/^[0-9a-f-]{36}$/.test(value)) problems.push(`media id ${value}`);
    }
  }
  return problems;
}

describe('sanitizeBody', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const dirty = `<p onclick="x()">Xin chào<script>alert(1)</script></p><a href="javascript:alert(1)">bấm</a><img src=x onerror=alert(1)><iframe src="//evil"></iframe>`;
    expect(sanitizeBody(dirty)).toBe('<p>Xin chào</p>bấm');
  });

  it(`neutralises ${XSS_PAYLOADS.length} filter-evasion payloads and is idempotent on each`, () => {
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    for (const payload of XSS_PAYLOADS) {
      const clean = sanitizeBody(payload);
      expect({ payload, problems: violations(clean) }).toEqual({ payload, problems: [] });
      expect({ payload, again: sanitizeBody(clean) }).toEqual({ payload, again: clean });
      // Stored bodies are NFC, and normalising them again must not change the markup.
      expect(clean.normalize('NFC')).toBe(clean);
    }
  });

  it('keeps the harmless part of a payload and drops the rest', () => {
    expect(sanitizeBody('<a href="https://ok.example" onclick="alert(1)" target="_blank" style="color:red">x</a>')).toBe('<a href="https://ok.example" rel="noopener noreferrer">x</a>');
    expect(sanitizeBody('<a href="  https://ok.example  ">ok</a>')).toBe('<a href="https://ok.example" rel="noopener noreferrer">ok</a>');
    expect(sanitizeBody('<a href="jav&#x09;ascript:alert(1)">x</a>')).toBe('x');
    expect(sanitizeBody('<a href="/\\evil.example/">x</a><a href="//evil.example/">y</a>')).toBe('xy');
    expect(sanitizeBody('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>')).toBe('');
    expect(sanitizeBody('<svg><p>x</p></svg><math><mi>y</mi></math><template><p>z</p></template>')).toBe('');
    expect(sanitizeBody('<p>\u0338 onmouseover=alert(1) x</p>')).toBe('<p>&#x338; onmouseover=alert(1) x</p>');
    expect(sanitizeBody('<table><tbody><tr><td colspan="2 onmouseover=alert(1)">x</td><td rowspan="1000">y</td><td colspan="3" rowspan="1">z</td></tr></tbody></table>')).toBe('<table><tbody><tr><td>x</td><td>y</td><td colspan="3">z</td></tr></tbody></table>');
  });

  it('keeps the formatting editors use', () => {
    const html =
      '<h2>Kết quả</h2><h3>Mục</h3><h4>Tiểu mục</h4><p><strong>6.518</strong> người, <em>đạt 114,35%</em>, <u>gạch</u> <s>bỏ</s> H<sub>2</sub>O m<sup>2</sup><br />dòng</p>' +
      '<ul><li><p>một</p></li></ul><ol start="3"><li>ba</li></ol><blockquote><p>trích</p></blockquote><hr />' +
      '<table><thead><tr><th>A</th><th colspan="2">B</th></tr></thead><tbody><tr><td rowspan="2">ô</td><td>x</td></tr></tbody></table>' +
      '<p><a href="/tin-tuc/thong-bao">nội bộ</a> <a href="mailto:vp@so.gov.vn">thư</a> <a href="tel:+842433334444">gọi</a></p>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('maps headings and inline tags from other sources onto the allow-list', () => {
    expect(sanitizeBody('<h1>A</h1><h5>B</h5><h6>C</h6><b>d</b><i>e</i><del>f</del><strike>g</strike>')).toBe('<h2>A</h2><h4>B</h4><h4>C</h4><strong>d</strong><em>e</em><s>f</s><s>g</s>');
  });

  it('keeps inline images only as media references and marks external links', () => {
    const html = `<figure><img data-media-id="${ID}" alt="Hội nghị" src="http://evil/x.png"><figcaption>Chú thích</figcaption></figure><img data-media-id="not-an-id"><a href="https://dichvucong.gov.vn">DVC</a>`;
    const clean = sanitizeBody(html);
    expect(clean).toBe(`<figure><img data-media-id="${ID}" alt="Hội nghị" /><figcaption>Chú thích</figcaption></figure><a href="https://dichvucong.gov.vn" rel="noopener noreferrer">DVC</a>`);
    expect(inlineMediaIds(clean)).toEqual([ID]);
    expect(sanitizeBody(`<img alt="" data-media-id="${ID.toUpperCase()}">`)).toBe(`<img data-media-id="${ID}" alt="" />`);
  });

  it('removes the junk Word puts in HTML and keeps headings, lists and tables', () => {
    const word = `<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
<style>p.MsoNormal{mso-style-parent:"";margin:0cm}</style>
<h1 class=MsoTitle style='mso-outline-level:1'><span lang=VI style='font-family:"Times New Roman"'>Thông báo</span><o:p></o:p></h1>
<p class=MsoNormal style='mso-line-height-alt:12pt'><b style='mso-bidi-font-weight:normal'><span lang=VI>Quan trọng</span></b><span lang=VI> nội dung<o:p></o:p></span></p>
<![if !supportLists]><span style='mso-list:Ignore'>·</span><![endif]>
<ul style='margin-top:0cm' type=disc><li class=MsoNormal style='mso-list:l0 level1 lfo1'><font face="Arial">mục một</font></li></ul>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'><tr style='mso-yfti-irow:0'><td width=100 valign=top style='width:50pt'><p class=MsoNormal>ô<o:p></o:p></p></td></tr></table>`;
    const clean = sanitizeBody(word);
    expect(violations(clean)).toEqual([]);
    expect(clean).not.toMatch(/mso|o:p|lang=|class=|style|font|<span|<!--|\[if/i);
    expect(clean).toContain('<h2>Thông báo</h2>');
    expect(clean).toContain('<p><strong>Quan trọng</strong> nội dung</p>');
    expect(clean).toContain('<ul><li>mục một</li></ul>');
    expect(clean).toContain('<table><tr><td><p>ô</p></td></tr></table>');
  });

  it('drops control characters, raw or as character references, and keeps tabs and line breaks', () => {
    for (const code of [0, 1, 8, 11, 12, 14, 31, 127]) {
      const raw = String.fromCharCode(code);
      expect(sanitizeBody(`<p>Hội${raw} nghị</p>`), `U+${code.toString(16)}`).toBe('<p>Hội nghị</p>');
      expect(sanitizeBody(`<p>Hội&#${code}; nghị</p>`), `&#${code};`).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    }
    expect(sanitizeBody('<p>một\thai\nba</p>')).toBe('<p>một\thai\nba</p>');
  });

  it('stores NFC text, also when character references spell it decomposed', () => {
    expect(sanitizeBody('<p>Hội nghị</p>'.normalize('NFD'))).toBe('<p>Hội nghị</p>');
    expect(sanitizeBody('<p>Ho&#x323;&#x302;i nghi&#x323;</p>')).toBe('<p>Hội nghị</p>');
    expect(sanitizeBody(`<img data-media-id="${ID}" alt="${'Ảnh'.normalize('NFD')}">`)).toBe(`<img data-media-id="${ID}" alt="Ảnh" />`);
  });

  it('is idempotent, allow-listed and NFC for any mix of markup fragments', () => {
    const fragment = fc.constantFrom(
      '<p>', '</p>', '<h1 class=x>', '</h1>', '<b>', '</b>', '<a href="', 'javascript:', 'https://x.vn', '">', '</a>', '<img src=x ', 'onerror=', `data-media-id="${ID}"`,
      '>', '<', '"', "'", '=', '&#x338;', '\u0338', '\u0301', 'e', 'ệ', '&amp;', '&lt;', '&', '<!--', '-->', '<![CDATA[', ']]>', '<svg>', '</svg>', '<style>', '</style>',
      '<table>', '<td colspan=', '2', '</td>', '<noscript>', '</noscript>', '<template>', '<ol start=', ' ', '\t', '/', '<br>', '<o:p>', '<span lang=VI>',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const clean = sanitizeBody(parts.join(''));
        expect(violations(clean)).toEqual([]);
        expect(sanitizeBody(clean)).toBe(clean);
        expect(clean.normalize('NFC')).toBe(clean);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('htmlToPlainText', () => {
  it('gives one line per block, tabs between cells and image descriptions as text', () => {
    const html = `<h2>Kết  quả</h2><p>Dòng <strong>một</strong><br />dòng hai &amp; ba</p><ul><li><p>a</p></li><li>b</li></ul><table><tr><th>X</th><th>Y</th></tr><tr><td><p>1</p></td><td>2\t3</td></tr></table><figure><img data-media-id="${ID}" alt="Hội trường" /><figcaption>Chú thích</figcaption></figure>`;
    expect(htmlToPlainText(html)).toBe('Kết quả\nDòng một\ndòng hai & ba\na\nb\nX\tY\n1\t2 3\nHội trường\nChú thích');
  });

  it('skips script-like content and empty blocks', () => {
    expect(htmlToPlainText('<p> </p><script>x()</script><p>ok</p>')).toBe('ok');
    expect(htmlToPlainText('')).toBe('');
  });
});
