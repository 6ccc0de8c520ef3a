import { ASSETS_PATH } from './build-web.js';

/**
 * The HTML every page starts from: the page's script draws the layout and content into #app.
 * Without a page it is the Finnish "not found" page.
 */
export function pageShell(page: string | undefined, withCss: boolean): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Sote-työpari</title>',
    ...(page && withCss ? [`<link rel="stylesheet" href="${ASSETS_PATH}${page}/main.css">`] : []),
    ...(page ? [`<script type="module" src="${ASSETS_PATH}${page}/main.js"></script>`] : []),
  ];
  const body = page
    ? '<div id="app"><p>Ladataan…</p></div><noscript>Sote-työpari tarvitsee JavaScriptin.</noscript>'
    : '<main><h1>Sivua ei löydy</h1><p><a href="/">Tehtäviin</a></p></main>';
  return `<!doctype html>\n<html lang="fi">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
