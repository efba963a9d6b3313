// Progressive enhancement only: every public page works without this file.
document.documentElement.classList.add('has-js');

for (const button of document.querySelectorAll('[data-action="print"]')) {
  button.addEventListener('click', () => window.print());
}

// Gallery: Escape closes the enlarged photo, arrow keys move between photos.
document.addEventListener('keydown', (event) => {
  const open = document.querySelector('.lightbox:target');
  if (!open) return;
  const target = { Escape: '[data-lightbox="close"]', ArrowLeft: '[data-lightbox="prev"]', ArrowRight: '[data-lightbox="next"]' }[event.key];
  const link = target && open.querySelector(target);
  if (link) {
    event.preventDefault();
    link.click();
  }
});
