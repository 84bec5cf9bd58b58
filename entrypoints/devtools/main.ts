// The DevTools page: adds a "VCALM" panel to every DevTools window (the panel lives in
// devtools-panel.html and shows the exchanges started from the inspected tab).
import { browser } from 'wxt/browser';

browser.devtools.panels.create('VCALM', '', '/devtools-panel.html');
