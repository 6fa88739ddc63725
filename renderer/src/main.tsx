/**
 * The renderer's entry: mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prefetchQuery } from './apiHooks.ts';
import { App } from './app/App.tsx';
import { areaOf } from './app/routes.ts';
import './styles/app.css';
import './styles/records.css';
import './styles/governance.css';
import './styles/pdfReader.css';

// The dashboard's answer is asked for at once, beside the store's status (not after it): the backend
// answers it as soon as the store is open, while the page draws its frame (issue 16).
if (areaOf(window.location.hash) === 'dashboard') prefetchQuery('dashboard:get', {});

const root = document.getElementById('root');
if (root === null) throw new Error('The page has no #root element to mount the app in.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
