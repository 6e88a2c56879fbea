// Entry point of the debtor portal (/p/{token}): its own small bundle, apart from the collectors' workspace.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { PortalApp } from './PortalApp.tsx';
import './portal.css';

createRoot(document.getElementById('root')!).render(<StrictMode><PortalApp /></StrictMode>);
