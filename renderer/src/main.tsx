/**
 * The renderer's entry: mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles/app.css';
import './styles/records.css';
import './styles/governance.css';
import './styles/pdfReader.css';

const root = document.getElementById('root');
if (root === null) throw new Error('The page has no #root element to mount the app in.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
