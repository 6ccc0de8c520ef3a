import { errorMessage } from './api.js';
import { h, replace } from './dom.js';
import { NAV_ITEMS } from './nav.js';
import { currentSession, signIn, signOut, type AppRole, type SessionInfo } from './session.js';
import './styles.css';

/** What a page gets to draw with. */
export interface PageContext {
  session: SessionInfo;
  /** The page's content area; the page owns everything inside it. */
  main: HTMLElement;
  /** Path segments after the page's own, e.g. ['123'] for /task/123. */
  params: string[];
  /** Sets the document title and the page heading's text. */
  setTitle(title: string): void;
}

export interface PageDefinition {
  /** The page folder, as in the URL: inbox, task, case, dashboard … */
  page: string;
  title: string;
  /** Roles that may open the page; everyone signed in when not given. */
  roles?: readonly AppRole[];
  render(context: PageContext): void | Promise<void>;
}

/**
 * Starts a page: asks who is signed in, shows the sign-in form if nobody is, else draws the
 * shared layout (skip link, header with navigation and the user, main) and the page inside it.
 */
export async function startPage(definition: PageDefinition): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('The page shell has no #app element');
  try {
    const session = await currentSession();
    if (!session) return showSignIn(root, definition);
    await showPage(root, definition, session);
  } catch (error) {
    replace(root, h('main', { id: 'main', class: 'page' }, h('p', { class: 'error', role: 'alert' }, errorMessage(error))));
  }
}

async function showPage(root: HTMLElement, definition: PageDefinition, session: SessionInfo): Promise<void> {
  const heading = h('h1', {}, definition.title);
  const main = h('main', { id: 'main', class: 'page', tabindex: -1 });
  const setTitle = (title: string) => {
    heading.textContent = title;
    document.title = `${title} – Sote-työpari`;
  };
  setTitle(definition.title);
  replace(
    root,
    h('a', { class: 'skip-link', href: '#main' }, 'Siirry sisältöön'),
    header(definition.page, session),
    h('div', { class: 'page-heading' }, heading),
    main,
  );
  if (definition.roles && !definition.roles.includes(session.principal.role)) {
    replace(main, h('p', { class: 'error', role: 'alert' }, 'Sinulla ei ole oikeutta tälle sivulle.'));
    return;
  }
  // The first segment names the page (none at `/`, the inbox); the rest are the page's own.
  const params = location.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  await definition.render({ session, main, params, setTitle });
}

function header(current: string, session: SessionInfo): HTMLElement {
  const { principal, roleLabel } = session;
  const links = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(principal.role)).map((item) =>
    h('li', {}, h('a', { href: item.href, ...(item.page === current ? { 'aria-current': 'page' } : {}) }, item.label)),
  );
  const signOutButton = h('button', { type: 'button', class: 'link-button' }, 'Kirjaudu ulos');
  signOutButton.addEventListener('click', async () => {
    await signOut().catch(() => undefined);
    location.assign('/');
  });
  return h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'brand', href: '/' }, 'Sote-työpari'),
    h('nav', { 'aria-label': 'Päävalikko' }, h('ul', {}, ...links)),
    h(
      'div',
      { class: 'user' },
      h('span', { class: 'user-name' }, principal.displayName),
      h('span', { class: 'user-role' }, roleLabel),
      signOutButton,
    ),
  );
}

function showSignIn(root: HTMLElement, definition: PageDefinition): void {
  document.title = 'Kirjaudu – Sote-työpari';
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Kirjaudu');
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Käyttäjätunnus'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Salasana'), password),
    message,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!username.value.trim() || !password.value) {
      message.textContent = 'Anna käyttäjätunnus ja salasana.';
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    message.textContent = '';
    try {
      const session = await signIn(username.value, password.value);
      await showPage(root, definition, session);
    } catch (error) {
      message.textContent = (error as { status?: number }).status === 401 ? 'Väärä käyttäjätunnus tai salasana.' : errorMessage(error);
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(
    root,
    h(
      'main',
      { id: 'main', class: 'sign-in-page' },
      h('h1', {}, 'Sote-työpari'),
      h('p', { class: 'lead' }, 'Varhan päihde- ja riippuvuustyön sote-työparimalli. Kirjaudu sisään omilla tunnuksillasi.'),
      form,
    ),
  );
  username.focus();
}
