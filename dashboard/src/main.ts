import { mount } from 'svelte';
import App from './App.svelte';
import { INK } from './lib/palette.ts';
import './app.css';

// The text colours live in palette.ts; CSS reads them as --ink-* variables.
for (const [name, value] of Object.entries(INK)) document.documentElement.style.setProperty(`--ink-${name}`, value);

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
target.replaceChildren();
mount(App, { target });
