import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { PrefsProvider } from './i18n';
import { SessionProvider } from './session';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PrefsProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </PrefsProvider>
    </StrictMode>,
  );
}
