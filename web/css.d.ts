/** esbuild bundles imported CSS into the page's main.css; the import itself has no value. */
declare module '*.css';
