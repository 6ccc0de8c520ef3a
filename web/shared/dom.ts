/** Attributes of `h`: strings and numbers become attributes, functions under `on…` listeners, false/undefined are left out. */
export type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
export type Child = Node | string | number | false | null | undefined;

/**
 * Builds an element. Text always goes in as text nodes, never as HTML, so data from the API
 * cannot inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(
    ...children
      .filter((c): c is Node | string | number => c !== false && c !== null && c !== undefined)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
  return element;
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  parent.append(
    ...children
      .filter((c): c is Node | string | number => c !== false && c !== null && c !== undefined)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}
