// Makes the district marks of a drawn chart open the district (UI.md: "click a district on the map
// or in any chart to open its page"). The chart specs name every mark in its aria-label starting
// with the district's name ("Bình Sơn — Quý III/2024 …", "Bình Sơn: …") and label the band axes
// with the names, so a click is traced back to a district from those texts. Keyboard users open
// districts from the map and the tables; the drawing itself is hidden from screen readers.

/** Longest name first, so "Sơn Tịnh" is never read as a shorter name that starts it. */
function matcher(names: Readonly<Record<string, string>>) {
  const list = Object.entries(names).filter(([code]) => /^\d{3,5}$/.test(code)).sort((a, b) => b[1].length - a[1].length);
  return (text: string | null | undefined): string | null => {
    if (!text) return null;
    const s = text.trim();
    for (const [code, name] of list) {
      if (s === name) return code;
      if (s.startsWith(name) && /^[\s—:;,(\-–]/.test(s.slice(name.length))) return code;
    }
    return null;
  };
}

/** Wires clicks on district marks and axis labels of `chart` to `onpick`; returns the chart. */
export function clickableDistricts<C extends Element>(chart: C, names: Readonly<Record<string, string>>, onpick: (code: string) => void): C {
  const match = matcher(names);
  const codeOf = (el: Element | null): string | null => {
    for (let e = el; e && e !== chart.parentNode; e = e.parentElement) {
      const label = e.getAttribute('aria-label');
      const code = match(label);
      if (code) return code;
      if (e.tagName.toLowerCase() === 'text' || e.tagName.toLowerCase() === 'tspan') {
        const c = match(e.textContent);
        if (c) return c;
      }
    }
    return null;
  };
  // Show the hand over what can be clicked.
  chart.querySelectorAll('[aria-label], text').forEach((el) => {
    if (el === chart) return;
    const own = match(el.getAttribute('aria-label')) ?? (el.tagName.toLowerCase() === 'text' ? match(el.textContent) : null);
    if (own) (el as SVGElement).style.cursor = 'pointer';
  });
  chart.addEventListener('click', (e) => {
    const code = codeOf(e.target as Element);
    if (code) onpick(code);
  });
  return chart;
}
