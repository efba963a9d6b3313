/**
 * Unsaved-changes guard and autosave for a staff form.
 * - Any change (the editor's, or an input/change event in the form) makes the form dirty.
 * - With `data-autosave-url` on the form: 10 s after the first unsaved change, and when
 *   the window loses focus, the whole form is POSTed there as
 *   application/x-www-form-urlencoded (file inputs left out) with the x-csrf-token header.
 *   The server answers `{ "savedAt": "<ISO 8601>" }`, or `{ "error": { "code", "message" } }`
 *   with a 4xx/5xx status; the status line says "Đã tự động lưu lúc HH:mm" or the error.
 *   A save never overlaps another; changes made while one is in flight are saved next.
 * - Leaving the page while dirty asks first (beforeunload), but not when the form is
 *   being submitted.
 */
import { CSRF_HEADER, readCsrfToken } from './csrf.js';

export const AUTOSAVE_DELAY_MS = 10_000;

export interface FormGuard {
  /** Call on every change the form's own events do not show (the editor's). */
  markChanged: () => void;
  /** Saves now if there is something to save (autosave forms only). */
  saveNow: () => Promise<void>;
}

const messages = {
  saved: (time: string) => `Đã tự động lưu lúc ${time}`,
  saving: 'Đang tự động lưu…',
  failed: (reason: string) => `Chưa tự động lưu được: ${reason} Nội dung vẫn còn trên trang; hãy bấm Lưu khi xong.`,
  network: 'mất kết nối tới máy chủ.',
  status: (status: number) => `máy chủ trả lỗi ${status}.`,
};

/** HH:mm in the browser's time zone (staff work in Vietnam's). */
function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** The form's text fields, as a plain submit would send them (files left out). */
export function formFields(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
  return params;
}

export function guardForm(form: HTMLFormElement, { status }: { status: HTMLElement }): FormGuard {
  const autosaveUrl = form.dataset.autosaveUrl;
  let changes = 0;
  let savedChanges = 0;
  let isSubmitting = false;
  let timer: number | undefined;
  let inFlight: Promise<void> | undefined;

  const isDirty = () => changes !== savedChanges;

  const schedule = () => {
    if (!autosaveUrl || timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      void saveNow();
    }, AUTOSAVE_DELAY_MS);
  };

  const markChanged = () => {
    changes++;
    schedule();
  };

  async function save(url: string): Promise<void> {
    const snapshot = changes;
    status.textContent = messages.saving;
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { [CSRF_HEADER]: readCsrfToken(), accept: 'application/json' },
        body: formFields(form),
      });
      const answer = (await response.json().catch(() => undefined)) as { savedAt?: unknown; error?: { message?: unknown } } | undefined;
      if (!response.ok || typeof answer?.savedAt !== 'string') {
        const reason = typeof answer?.error?.message === 'string' ? answer.error.message : messages.status(response.status);
        status.textContent = messages.failed(reason);
        return;
      }
      savedChanges = snapshot;
      const savedAt = new Date(answer.savedAt);
      status.textContent = messages.saved(clockTime(Number.isNaN(savedAt.getTime()) ? new Date() : savedAt));
    } catch {
      status.textContent = messages.failed(messages.network);
    }
  }

  async function saveNow(): Promise<void> {
    if (!autosaveUrl || isSubmitting) return;
    if (inFlight) {
      await inFlight;
      return saveNow();
    }
    if (!isDirty()) return;
    if (timer !== undefined) {
      window.clearTimeout(timer);
      timer = undefined;
    }
    inFlight = save(autosaveUrl).finally(() => {
      inFlight = undefined;
    });
    await inFlight;
    // Changes typed while saving wait for their own turn.
    if (isDirty()) schedule();
  }

  form.addEventListener('input', markChanged);
  form.addEventListener('change', markChanged);
  window.addEventListener('blur', () => void saveNow());
  form.addEventListener('submit', (event) => {
    isSubmitting = true;
    // Another handler may cancel the submit (a confirm, a busy upload): then it did not happen.
    window.setTimeout(() => {
      if (event.defaultPrevented) isSubmitting = false;
    });
  });
  window.addEventListener('beforeunload', (event) => {
    if (!isDirty() || isSubmitting) return;
    event.preventDefault();
    // Older Chromium needs returnValue set to show the dialog.
    event.returnValue = '';
  });

  return { markChanged, saveNow };
}
