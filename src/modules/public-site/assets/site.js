// Progressive enhancement only: every public page works without this file.
document.documentElement.classList.add('has-js');

for (const button of document.querySelectorAll('[data-action="print"]')) {
  button.addEventListener('click', () => window.print());
}

// Reading comfort: text size (A−, A, A+ up to two steps) and high contrast, remembered on
// this device. Only <html> attributes change: the page bytes stay the shared cached ones.
const root = document.documentElement;
const readSetting = (key) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const saveSetting = (key, value) => {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
};
const applyReading = () => {
  const size = Number(readSetting('cong-text-size') ?? '0');
  const contrast = readSetting('cong-contrast');
  if (size) root.dataset.textSize = String(size);
  else delete root.dataset.textSize;
  if (contrast === 'high') root.dataset.contrast = 'high';
  else delete root.dataset.contrast;
  for (const button of document.querySelectorAll('[data-text-size]')) {
    const step = Number(button.dataset.textSize);
    button.setAttribute('aria-pressed', String(step === 0 ? size === 0 : step > 0 ? size > 0 : size < 0));
  }
  for (const button of document.querySelectorAll('[data-contrast]')) button.setAttribute('aria-pressed', String(contrast === 'high'));
};
applyReading();
for (const button of document.querySelectorAll('[data-text-size]')) {
  button.addEventListener('click', () => {
    const step = Number(button.dataset.textSize);
    const current = Number(readSetting('cong-text-size') ?? '0');
    const next = step === 0 ? 0 : Math.max(-1, Math.min(2, current + step));
    saveSetting('cong-text-size', next === 0 ? null : String(next));
    applyReading();
  });
}
for (const button of document.querySelectorAll('[data-contrast]')) {
  button.addEventListener('click', () => {
    saveSetting('cong-contrast', readSetting('cong-contrast') === 'high' ? null : 'high');
    applyReading();
  });
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

// "Thông tin có hữu ích không?": sent with fetch() and thanked in place (the status line is
// aria-live). Without this the form posts and the reader gets the thank-you page.
for (const form of document.querySelectorAll('form[data-rating]')) {
  const section = form.closest('.rating');
  const status = section?.querySelector('.rating__status');
  form.addEventListener('submit', async (event) => {
    if (!status) return;
    event.preventDefault();
    const data = new URLSearchParams(new FormData(form));
    if (event.submitter?.name) data.set(event.submitter.name, event.submitter.value);
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    try {
      const response = await fetch(form.action, { method: 'POST', body: data, headers: { accept: 'application/json' }, credentials: 'same-origin' });
      const answer = await response.json();
      if (response.ok) {
        section.classList.add('rating--done');
        status.textContent = answer.message;
        return;
      }
      status.textContent = answer.error?.message ?? 'Chưa gửi được đánh giá, xin thử lại.';
    } catch {
      status.textContent = 'Chưa gửi được đánh giá, xin kiểm tra kết nối và thử lại.';
    }
    for (const button of form.querySelectorAll('button')) button.disabled = false;
  });
}
