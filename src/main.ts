import { mount } from 'svelte';
import './styles/tokens.css';
import './styles/shared.css';
import App from './App.svelte';
import { isLocaleLoaded, loadLocale } from './lib/i18n';
import { parseUrlState } from './lib/state/url-state';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const start = () => mount(App, { target });

// English is not part of the initial JavaScript: a link that opens the app in English waits for
// its texts, so the first render is already English. Not a top-level await: english.ts imports the
// chunk this module is in, which would then wait for itself.
const { locale } = parseUrlState(window.location.hash);
if (locale && !isLocaleLoaded(locale)) {
  loadLocale(locale)
    .catch((error: unknown) => console.warn('The English texts could not be loaded:', error))
    .then(start);
} else start();
