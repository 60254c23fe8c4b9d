// First: components read the translator when they render, and the page's lang/dir are set before paint.
import { i18n } from './i18n/i18n.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { applyTheme } from './settings/theme.js';
import './styles.css';

// Before the first paint: the OS's theme until the person's setting arrives (the App applies it).
applyTheme('system');

const root = document.getElementById('root');
if (!root) throw new Error('Glance: #root is missing from index.html');
if (!('glance' in window)) {
  // Opened outside the app (e.g. in a browser): say so instead of failing on the first call.
  root.setAttribute('data-app-state', 'error');
  root.textContent = i18n.t('app:outsideApp');
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
