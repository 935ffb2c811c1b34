// In-page part of a11yChecks.ts (plain JS: the tests' TypeScript has no DOM types). Evaluated as an expression.
(() => {
  const out = [];
  const describe = (el) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const nameOf = (el) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy)
      return labelledBy
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    const aria = el.getAttribute('aria-label');
    if (aria?.trim()) return aria.trim();
    const labels = el.labels;
    if (labels && labels.length)
      return [...labels]
        .map((l) => l.textContent ?? '')
        .join(' ')
        .trim();
    if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') return (el.textContent ?? '').trim();
    return el.getAttribute('title')?.trim() ?? '';
  };

  if (!document.documentElement.lang) out.push({ rule: 'html-lang', target: 'html', detail: 'no lang' });
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) out.push({ rule: 'duplicate-id', target: `#${id}`, detail: `${n} times` });
  for (const el of document.querySelectorAll('[tabindex]'))
    if (Number(el.getAttribute('tabindex')) > 0) out.push({ rule: 'tabindex', target: describe(el), detail: '> 0' });

  const controls = document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, a[href], summary, audio[controls]',
  );
  for (const el of controls) {
    if (!visible(el)) continue;
    if (el.tagName === 'AUDIO') {
      if (!nameOf(el)) out.push({ rule: 'label', target: describe(el), detail: 'audio without a name' });
      continue;
    }
    if (!nameOf(el))
      out.push({
        rule: el.tagName === 'BUTTON' ? 'button-name' : 'label',
        target: describe(el),
        detail: 'no accessible name',
      });
  }

  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
  };
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let rgb = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse())
      rgb = [r * a + rgb[0] * (1 - a), g * a + rgb[1] * (1 - a), b * a + rgb[2] * (1 - a)];
    return rgb;
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent?.trim() || !visible(el)) continue;
    // WCAG 1.4.3 exempts inactive controls.
    if (el.closest('button:disabled, input:disabled, select:disabled, textarea:disabled')) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    const bg = backgroundOf(el);
    const fgRgb = [
      fg[0] * fg[3] + bg[0] * (1 - fg[3]),
      fg[1] * fg[3] + bg[1] * (1 - fg[3]),
      fg[2] * fg[3] + bg[2] * (1 - fg[3]),
    ];
    const [l1, l2] = [luminance(fgRgb), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5))
      out.push({
        rule: 'color-contrast',
        target: describe(el),
        detail: `${ratio.toFixed(2)}:1 (${style.color} on rgb(${bg.map(Math.round).join(',')}))`,
      });
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    out.push({
      rule: 'reflow',
      target: 'html',
      detail: `page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`,
    });
  return out;
})();
