/** The items (paths, texts) of the Vega mark group `<g class="mark-TYPE role-ROLE …">`, in order (tests only). */
export function markItems(svg: string, type: string, role = 'mark'): string[] {
  const items: string[] = [];
  const open = new RegExp(`<g class="mark-${type} role-${role}[ "]`, 'g');
  for (let m = open.exec(svg); m !== null; m = open.exec(svg)) {
    const end = svg.indexOf('</g>', m.index);
    const body = svg.slice(svg.indexOf('>', m.index) + 1, end);
    items.push(...(body.match(/<(path|text|image|line)\b[^>]*?(\/>|>[^<]*<\/\1>)/g) ?? []));
  }
  return items;
}

/** The text content of every `<text>` in the SVG, unescaped. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** The label texts of the axis whose title is `title` (tests only). */
export function axisLabels(svg: string, title: string): string[] {
  // Each axis is a <g class="mark-group role-axis"> holding its labels then its title.
  const axes = svg.split('<g class="mark-group role-axis"').slice(1);
  for (const axis of axes) {
    if (texts(axis).includes(title)) {
      const labels = markItems(`<g class="mark-group role-axis"${axis}`, 'text', 'axis-label');
      return labels.map((l) => /<text\b[^>]*>([^<]*)<\/text>/.exec(l)?.[1] ?? '');
    }
  }
  throw new Error(`no axis titled ${title}`);
}

/** The label texts of the axis titled `title` with their positions along the axis (x or y of the translate). */
export function axisLabelPositions(svg: string, title: string): { text: string; x: number; y: number }[] {
  const axes = svg.split('<g class="mark-group role-axis"').slice(1);
  for (const axis of axes) {
    if (!texts(axis).includes(title)) continue;
    return markItems(`<g class="mark-group role-axis"${axis}`, 'text', 'axis-label').map((l) => {
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(l)!;
      return { text: /<text\b[^>]*>([^<]*)<\/text>/.exec(l)?.[1] ?? '', x: Number(m[1]), y: Number(m[2]) };
    });
  }
  throw new Error(`no axis titled ${title}`);
}
