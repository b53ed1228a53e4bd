// The decision list's print button: the browser's own print dialog, with the print stylesheet.
for (const button of document.querySelectorAll('[data-print]')) button.addEventListener('click', () => window.print());
