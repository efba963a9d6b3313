/**
 * Form controls of the staff UI. Every control has a real <label for>, its help and error
 * are tied to it by aria-describedby, and an error sets aria-invalid; an ErrorSummary at
 * the top of the form links to the same ids (fieldId). Every POST form carries the
 * anti-forgery token as a hidden `_csrf` input.
 */
import type { ComponentChildren } from 'preact';
import { TIME_ZONE } from '../../../platform/i18n/vi.js';

/** Extra attributes for a form or control (data-*, id…); values are escaped like any other. */
export type ExtraAttributes = Record<string, string | number | boolean | undefined>;

export interface FieldError {
  /** The field's name (as in `name=`); omit for an error about the whole form. */
  field?: string;
  message: string;
}

/** The id a control gets from its name: `f-title`, `f-tags--` for `tags[]`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The message for one field from a list of errors, for a control's `error` prop. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((error) => error.field === field)?.message;
}

export function CsrfInput({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

type FormProps = {
  action: string;
  children: ComponentChildren;
  enctype?: 'multipart/form-data' | 'application/x-www-form-urlencoded';
  class?: string;
  id?: string;
  /** Skip the browser's own checks (the server checks anyway); for forms with a "save draft" button. */
  isNoValidate?: boolean;
  attrs?: ExtraAttributes;
} & (
  | { method?: 'post'; csrfToken: string }
  /**
   * GET forms (filters, search, the site switcher) change nothing and carry no token: a
   * token in a URL would end up in logs, history and Referer headers.
   */
  | { method: 'get'; csrfToken?: never }
);

export function Form(props: FormProps) {
  const method = props.method ?? 'post';
  return (
    <form {...props.attrs} action={props.action} method={method} enctype={props.enctype} class={props.class} id={props.id} noValidate={props.isNoValidate || undefined}>
      {method === 'post' && props.csrfToken !== undefined && <CsrfInput token={props.csrfToken} />}
      {props.children}
    </form>
  );
}

interface FieldBase {
  name: string;
  label: string;
  /** Defaults to fieldId(name). */
  id?: string;
  help?: ComponentChildren;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  attrs?: ExtraAttributes;
}

function describedBy(id: string, help: unknown, error: unknown): string | undefined {
  const ids = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, isRequired }: { id: string; label: string; isRequired?: boolean }) {
  return (
    <label class="field__label" for={id}>
      {label}
      {isRequired && <span class="field__required"> (bắt buộc)</span>}
    </label>
  );
}

function HelpAndError({ id, help, error }: { id: string; help?: ComponentChildren; error?: string }) {
  return (
    <>
      {help && (
        <p class="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
    </>
  );
}

const fieldClass = (error: string | undefined, extra = '') => `field${extra}${error ? ' field--error' : ''}`;

export interface TextFieldProps extends FieldBase {
  value?: string | number | null;
  type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'number' | 'search' | 'date';
  autocomplete?: string;
  maxLength?: number;
  minLength?: number;
  placeholder?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'url' | 'tel' | 'search' | 'none';
  pattern?: string;
  spellcheck?: boolean;
  /** A shorter field for short values (numbers, codes). */
  isShort?: boolean;
}

export function TextField(props: TextFieldProps) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={fieldClass(props.error)}>
      <Label id={id} label={props.label} isRequired={props.isRequired} />
      <HelpAndError id={id} help={props.help} error={props.error} />
      <input
        {...props.attrs}
        class={props.isShort ? 'input input--short' : 'input'}
        type={props.type ?? 'text'}
        id={id}
        name={props.name}
        value={props.value ?? undefined}
        required={props.isRequired || undefined}
        disabled={props.isDisabled || undefined}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        minLength={props.minLength}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        pattern={props.pattern}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy(id, props.help, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

export interface TextAreaProps extends FieldBase {
  value?: string | null;
  rows?: number;
  /** Added to the textarea's own classes. */
  inputClass?: string;
  maxLength?: number;
  placeholder?: string;
}

export function TextArea(props: TextAreaProps) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={fieldClass(props.error)}>
      <Label id={id} label={props.label} isRequired={props.isRequired} />
      <HelpAndError id={id} help={props.help} error={props.error} />
      <textarea
        {...props.attrs}
        class={props.inputClass ? `input textarea ${props.inputClass}` : 'input textarea'}
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.isRequired || undefined}
        disabled={props.isDisabled || undefined}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        aria-describedby={describedBy(id, props.help, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/**
 * The article body: a textarea of (sanitised) HTML that the editor island turns into the
 * rich editor when the page asks for `islands: ['editor']` and the form carries
 * `data-article-form` (see islands/editor.ts for the whole contract). Never `required`: the
 * island hides the textarea, and a hidden field cannot show the browser's message.
 */
export function RichTextField(props: Omit<TextAreaProps, 'isRequired' | 'maxLength' | 'placeholder'>) {
  return <TextArea {...props} rows={props.rows ?? 16} inputClass="editor-fallback" attrs={{ ...props.attrs, 'data-editor': '' }} />;
}

export interface SelectOption {
  value: string;
  label: string;
  isSelected?: boolean;
  isDisabled?: boolean;
}

export interface SelectProps extends FieldBase {
  options: readonly SelectOption[];
  /** A first, empty choice such as "— Chọn chuyên mục —" (value ""). */
  placeholder?: string;
  isMultiple?: boolean;
}

export function Select(props: SelectProps) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={fieldClass(props.error)}>
      <Label id={id} label={props.label} isRequired={props.isRequired} />
      <HelpAndError id={id} help={props.help} error={props.error} />
      <select
        {...props.attrs}
        class="input select"
        id={id}
        name={props.name}
        required={props.isRequired || undefined}
        disabled={props.isDisabled || undefined}
        multiple={props.isMultiple || undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option value={option.value} selected={option.isSelected || undefined} disabled={option.isDisabled || undefined}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface CheckboxProps extends Omit<FieldBase, 'isRequired'> {
  /** Sent when checked; default "1". Unchecked boxes send nothing. */
  value?: string;
  isChecked?: boolean;
}

export function Checkbox(props: CheckboxProps) {
  // Boxes of one group share a name: the value tells their ids apart.
  const id = props.id ?? fieldId(props.value && props.value !== '1' ? `${props.name}-${props.value}` : props.name);
  return (
    <div class={fieldClass(props.error, ' field--checkbox')}>
      <input
        {...props.attrs}
        class="checkbox"
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? '1'}
        checked={props.isChecked || undefined}
        disabled={props.isDisabled || undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <div class="field--checkbox__text">
        <label class="field__label" for={id}>
          {props.label}
        </label>
        <HelpAndError id={id} help={props.help} error={props.error} />
      </div>
    </div>
  );
}

/**
 * A group of related controls (role checkboxes, radio buttons) under one legend. `name` is
 * the group's field name: the fieldset gets fieldId(name), so an ErrorSummary entry for
 * that field links to the whole group.
 */
export function Fieldset({ name, legend, children, help, error }: { name: string; legend: string; children: ComponentChildren; help?: ComponentChildren; error?: string }) {
  const id = fieldId(name);
  return (
    <fieldset class={error ? 'fieldset field--error' : 'fieldset'} id={id} tabIndex={-1} aria-describedby={describedBy(id, help, error)}>
      <legend class="fieldset__legend">{legend}</legend>
      <HelpAndError id={id} help={help} error={error} />
      {children}
    </fieldset>
  );
}

// Viet Nam has kept UTC+7 all year since 1975: a wall-clock time maps to one instant.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const localParts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A moment as the `value` of a datetime-local input, in Vietnam time: 2026-01-16T08:30. */
export function toVietnamDateTimeLocal(value: Date): string {
  const parts = Object.fromEntries(localParts.formatToParts(value).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** What a datetime-local input sent, read as Vietnam time; null when it is not a real date and time. */
export function parseVietnamDateTimeLocal(value: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  // Date.UTC rolls 30/02 over into March; such a date was never on the calendar.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(asUtc - VIETNAM_OFFSET_MS);
}

function dateTimeLocalValue(value: Date | string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : toVietnamDateTimeLocal(value);
  // A string that is already an input's value (the form shown again after an error) stays as typed.
  if (LOCAL_DATE_TIME.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : toVietnamDateTimeLocal(date);
}

export interface DateTimeFieldProps extends FieldBase {
  /** A Date (shown in Vietnam time), an ISO string, or the raw value the input sent. */
  value?: Date | string | null;
  min?: Date;
  max?: Date;
}

/** A date and time in Vietnam time (GMT+7); read what it sends with parseVietnamDateTimeLocal. */
export function DateTimeField(props: DateTimeFieldProps) {
  const id = props.id ?? fieldId(props.name);
  const help = (
    <>
      {props.help}
      {props.help ? ' ' : ''}Giờ Việt Nam (GMT+7).
    </>
  );
  return (
    <div class={fieldClass(props.error)}>
      <Label id={id} label={props.label} isRequired={props.isRequired} />
      <HelpAndError id={id} help={help} error={props.error} />
      <input
        {...props.attrs}
        class="input input--datetime"
        type="datetime-local"
        id={id}
        name={props.name}
        value={dateTimeLocalValue(props.value)}
        min={props.min ? toVietnamDateTimeLocal(props.min) : undefined}
        max={props.max ? toVietnamDateTimeLocal(props.max) : undefined}
        required={props.isRequired || undefined}
        disabled={props.isDisabled || undefined}
        aria-describedby={describedBy(id, true, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

export type ButtonVariant = 'primary' | 'secondary' | 'danger';

export function SubmitButton({ label, variant = 'primary', name, value, formAction, isDisabled, attrs }: { label: ComponentChildren; variant?: ButtonVariant; name?: string; value?: string; formAction?: string; isDisabled?: boolean; attrs?: ExtraAttributes }) {
  return (
    <button {...attrs} type="submit" class={`button button--${variant}`} name={name} value={value} formAction={formAction} disabled={isDisabled || undefined}>
      {label}
    </button>
  );
}

/** The row of buttons at the end of a form. */
export function FormActions({ children }: { children: ComponentChildren }) {
  return <div class="form-actions">{children}</div>;
}

/**
 * The list of what to fix, at the top of a form, each linking to its field. admin.js moves
 * focus here when the page loads, so a screen reader hears it first.
 */
export function ErrorSummary({ errors, title = 'Chưa lưu được. Vui lòng sửa các lỗi sau:' }: { errors: readonly (FieldError & { href?: string })[]; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary="">
      <h2 class="error-summary__title" id="error-summary-title">
        {title}
      </h2>
      <ul>
        {errors.map((error) => {
          const href = error.href ?? (error.field ? `#${fieldId(error.field)}` : undefined);
          return <li>{href ? <a href={href}>{error.message}</a> : error.message}</li>;
        })}
      </ul>
    </div>
  );
}

/**
 * A one-button POST form for an action that needs no other input (delete, publish,
 * withdraw). With admin.js the browser asks `confirm` first; without it the action
 * simply happens, so use it only where the next page can undo or where a mistake is
 * cheap, and give a dedicated confirmation page to anything irreversible.
 */
export function ConfirmForm({
  action,
  csrfToken,
  label,
  confirm,
  variant = 'danger',
  context,
  fields,
}: {
  action: string;
  csrfToken: string;
  label: string;
  /** The question the browser asks, e.g. "Xoá bài viết này?" */
  confirm: string;
  variant?: ButtonVariant;
  /** Read after the label by screen readers only, so rows of "Xoá" buttons are told apart. */
  context?: string;
  /** More hidden inputs (name → value). */
  fields?: Record<string, string>;
}) {
  return (
    <Form action={action} csrfToken={csrfToken} class="inline-form" attrs={{ 'data-confirm': confirm }}>
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        variant={variant}
        label={
          <>
            {label}
            {context && <span class="visually-hidden"> {context}</span>}
          </>
        }
      />
    </Form>
  );
}
