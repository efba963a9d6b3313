/**
 * The staff UI's view kit: small typed Preact components that escape whatever they are
 * given. The one way to put markup from a string on a page is TrustedHtml, whose prop
 * name says the caller sanitised it. Pages import from here; forms and tables live in
 * their own files and are re-exported.
 */
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../../../platform/i18n/vi.js';
import type { ButtonVariant } from './forms.js';

export * from './forms.js';
export * from './tables.js';

/** Article states as the newsroom names them. */
export const STATUS_LABELS: Readonly<Record<string, string>> = Object.freeze({
  draft: 'Nháp',
  submitted: 'Chờ duyệt',
  // The first articles module calls "submitted" pending.
  pending: 'Chờ duyệt',
  returned: 'Bị trả lại',
  published: 'Đã xuất bản',
  scheduled: 'Đã lên lịch',
  unpublished: 'Đã gỡ xuống',
  archived: 'Lưu trữ',
});

/** The state in words, coloured by class; an unknown state still shows its text. */
export function StatusBadge({ status }: { status: string }) {
  const label = STATUS_LABELS[status];
  const tone = label ? (status === 'pending' ? 'submitted' : status) : 'unknown';
  return <span class={`badge badge--${tone}`}>{label ?? status}</span>;
}

export interface FlashMessage {
  kind: 'success' | 'error' | 'info';
  message: string;
}

const FLASH_TITLES: Record<FlashMessage['kind'], string> = { success: 'Thành công', error: 'Có lỗi', info: 'Thông báo' };

/** The result of the last action. An error interrupts a screen reader (alert); the rest wait their turn (status). */
export function Flash({ flash }: { flash: FlashMessage }) {
  return (
    <div class={`flash flash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      <strong class="flash__title">{FLASH_TITLES[flash.kind]}:</strong> {flash.message}
    </div>
  );
}

/** A link that looks like a button ("Viết bài mới"); use a form and SubmitButton for anything that changes data. */
export function LinkButton({ href, label, variant = 'secondary' }: { href: string; label: ComponentChildren; variant?: ButtonVariant }) {
  return (
    <a class={`button button--${variant}`} href={href}>
      {label}
    </a>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ComponentChildren; action?: { href: string; label: string } }) {
  return (
    <div class="empty-state">
      <p class="empty-state__title">{title}</p>
      {children && <div class="empty-state__body">{children}</div>}
      {action && <LinkButton href={action.href} label={action.label} variant="primary" />}
    </div>
  );
}

export function DescriptionList({ items, isCompact }: { items: readonly { term: string; details: ComponentChildren }[]; isCompact?: boolean }) {
  return (
    <dl class={isCompact ? 'description-list description-list--compact' : 'description-list'}>
      {items.map((item) => (
        <div class="description-list__row">
          <dt>{item.term}</dt>
          <dd>{item.details}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A moment in Vietnam time, the Vietnamese way: 08:30 16/01/2022 (or only the date). */
export function Time({ value, isDateOnly }: { value: Date | string; isDateOnly?: boolean }) {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return <time dateTime={date.toISOString()}>{isDateOnly ? formatDate(date) : formatDateTime(date)}</time>;
}

/** A white box grouping part of a page (the "Xuất bản" box beside the editor), with its own heading. */
export function Panel({ title, headingLevel = 2, children, actions, id }: { title: string; headingLevel?: 2 | 3; children: ComponentChildren; actions?: ComponentChildren; id?: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class="panel" id={id} aria-labelledby={headingId}>
      <div class="panel__header">
        <Heading class="panel__title" id={headingId}>
          {title}
        </Heading>
        {actions && <div class="panel__actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * HTML the caller has already sanitised (an article body through sanitize-html). The prop
 * is named so that every use reads as a claim someone can check.
 */
export function TrustedHtml({ trustedHtml, class: className }: { trustedHtml: string; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: trustedHtml }} />;
}
