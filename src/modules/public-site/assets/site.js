// Progressive enhancement only: every public page works without this file.
document.documentElement.classList.add('has-js');

for (const button of document.querySelectorAll('[data-action="print"]')) {
  button.addEventListener('click', () => window.print());
}

// Sharing: the device's own share sheet (Zalo and the rest) where there is one, else a copy.
const shareStatus = (button, text) => {
  const status = button.closest('.share')?.querySelector('.share__status');
  if (status) status.textContent = text;
};
const copyLink = async (button) => {
  try {
    await navigator.clipboard.writeText(button.dataset.url);
    shareStatus(button, 'Đã sao chép liên kết.');
  } catch {
    shareStatus(button, `Không sao chép được; liên kết: ${button.dataset.url}`);
  }
};
for (const button of document.querySelectorAll('[data-action="share"]')) {
  if (!navigator.share) {
    button.hidden = true;
    continue;
  }
  button.addEventListener('click', () => navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(() => {}));
}
for (const button of document.querySelectorAll('[data-action="copy-link"]')) {
  button.addEventListener('click', () => copyLink(button));
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
