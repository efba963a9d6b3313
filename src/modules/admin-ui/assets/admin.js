// Progressive enhancement only: every staff page works without this file.
document.documentElement.classList.add('has-js');

// Forms (or buttons) with data-confirm ask first: "Xoá bài viết này?"
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = event.submitter?.dataset.confirm ?? form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// After a failed save, a screen reader hears the list of errors first.
const summary = document.querySelector('[data-error-summary]');
if (summary instanceof HTMLElement) summary.focus();
