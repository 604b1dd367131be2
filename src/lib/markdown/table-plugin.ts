import type { Element, ElementContent } from 'hast';
import { defineHastPlugin } from 'satteri';
import en from '../../i18n/en/common.json' with { type: 'json' };
import id from '../../i18n/id/common.json' with { type: 'json' };

// Lesson tables go in the design system's scroll box (src/components/TableWrap.astro), and Markdown's column
// alignment (`---:`) becomes a class: the Markdown processor writes it as an inline style, which the CSP blocks.

const ALIGN = /text-align:\s*(right|center)/;

const span = (lang: 'id' | 'en', value: string): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { lang },
  children: [{ type: 'text', value }],
});

/** The scroll hint in both languages; the page's language shows one (see `.table-wrap__hint` in global.css). */
const hint = (): Element => ({
  type: 'element',
  tagName: 'p',
  properties: { className: ['table-wrap__hint'], ariaHidden: 'true' },
  children: [span('id', id['table.scrollHint']), span('en', en['table.scrollHint'])],
});

/** A plain copy of the table, each cell's alignment turned from a style into a class. */
function withAlignClasses(node: Readonly<ElementContent>): ElementContent {
  if (node.type === 'text') return { type: 'text', value: node.value };
  if (node.type !== 'element') return { ...node };
  const { style, ...properties } = node.properties;
  const align = typeof style === 'string' ? ALIGN.exec(style)?.[1] : undefined;
  return {
    type: 'element',
    tagName: node.tagName,
    properties: align === undefined ? { ...node.properties } : { ...properties, className: [`align-${align}`] },
    children: node.children.map(withAlignClasses),
  };
}

const textOf = (node: Readonly<ElementContent>): string =>
  node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';

/** The first row's cells, e.g. "Tanggal, Uraian, Saldo (Rp)": each table's region gets a name of its own. */
function headerOf(node: Readonly<ElementContent>): string[] {
  if (node.type !== 'element') return [];
  if (node.tagName === 'tr')
    return node.children
      .map(textOf)
      .map((text) => text.trim())
      .filter(Boolean);
  for (const child of node.children) {
    const found = headerOf(child);
    if (found.length > 0) return found;
  }
  return [];
}

export const tablePlugin = defineHastPlugin({
  name: 'kube-tables',
  element: {
    filter: ['table'],
    visit(node, ctx) {
      const table = withAlignClasses(node);
      // Lesson text is Indonesian in both languages, so the region's name is too.
      ctx.replaceNode(node, {
        type: 'element',
        tagName: 'div',
        properties: {
          className: ['table-wrap'],
          tabIndex: 0,
          role: 'region',
          ariaLabel: `${id['table.region']}: ${headerOf(node).join(', ')}`,
        },
        children: [hint(), table],
      });
    },
  },
});
