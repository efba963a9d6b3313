/** The parts every public form renders: the defences' fields and the personal-data notice. */
import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../platform/i18n/vi.js';

/** Field names the defences post; read them back with readFormDefences. */
export const FORM_FIELDS = {
  token: 'form_token',
  /** A name bots like to fill; people never see it. */
  honeypot: 'website',
  answer: 'challenge_answer',
} as const;

/** The defences' fields from a posted body (urlencoded or JSON), as checkFormSubmission takes them. */
export function readFormDefences(body: unknown): { token: unknown; answer: unknown; honeypot: unknown } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { token: fields[FORM_FIELDS.token], answer: fields[FORM_FIELDS.answer], honeypot: fields[FORM_FIELDS.honeypot] };
}

export interface FormDefencesProps {
  token: string;
  challenge: { question: string };
  /** The challenge's error to show next to it (the FormRefusedError's message when field = 'challenge'). */
  challengeError?: string;
  /** Prefix for element ids when a page has two forms. */
  idPrefix?: string;
}

/**
 * The hidden token, the honeypot and the challenge. The honeypot is hidden from eyes (CSS),
 * from screen readers (aria-hidden) and from the keyboard (tabindex -1), and its label still
 * tells anyone who reaches it to leave it empty. The challenge is a plain labelled text input.
 */
export function FormDefences({ token, challenge, challengeError, idPrefix = 'bieu-mau' }: FormDefencesProps) {
  const answerId = `${idPrefix}-kiem-tra`;
  const errorId = `${answerId}-loi`;
  return (
    <>
      <input type="hidden" name={FORM_FIELDS.token} value={token} />
      <div class="visually-hidden" aria-hidden="true">
        <label for={`${idPrefix}-website`}>Để trống ô này (chỉ dùng để chặn thư rác tự động)</label>
        <input type="text" id={`${idPrefix}-website`} name={FORM_FIELDS.honeypot} value="" tabIndex={-1} autocomplete="off" />
      </div>
      <div class="form-field form-challenge">
        <label for={answerId}>
          Câu hỏi kiểm tra: {challenge.question} <span aria-hidden="true">*</span>
        </label>
        <input
          type="text"
          id={answerId}
          name={FORM_FIELDS.answer}
          inputMode="numeric"
          autocomplete="off"
          maxLength={20}
          required
          aria-required="true"
          aria-invalid={challengeError ? 'true' : undefined}
          aria-describedby={challengeError ? errorId : undefined}
        />
        {challengeError && (
          <p class="form-field__error" id={errorId}>
            {challengeError}
          </p>
        )}
      </div>
    </>
  );
}

export interface PrivacyNoticeProps {
  /** How many days the site keeps personal data (the per-site setting). */
  retentionDays: number;
  /** What this form collects. */
  collected?: string;
  /** Why. */
  purpose?: string;
  /** Where to ask for a copy or deletion: an address, an e-mail, a phone number. */
  contact?: string;
  /** A sentence particular to the form (e.g. that the answered question is published without contact details). */
  children?: ComponentChildren;
  /** The heading's level where the form sits (default 2). */
  headingLevel?: 2 | 3;
  /** Element id of the heading, when a page has two forms. */
  id?: string;
}

/** The notice Nghị định 13/2023/NĐ-CP asks for, shown on every form before it is sent. */
export function PrivacyNotice({ retentionDays, collected, purpose, contact, children, headingLevel = 2, id = 'thong-bao-du-lieu-ca-nhan' }: PrivacyNoticeProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="privacy-notice" aria-labelledby={id}>
      <Heading id={id}>Thông báo về xử lý dữ liệu cá nhân</Heading>
      <p>Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, khi gửi biểu mẫu này, bạn đồng ý để cơ quan xử lý dữ liệu như sau:</p>
      <ul>
        <li>
          <strong>Dữ liệu thu thập:</strong> {collected ?? 'họ và tên, thông tin liên hệ (thư điện tử, số điện thoại, địa chỉ nếu bạn ghi) và nội dung bạn gửi.'}
        </li>
        <li>
          <strong>Mục đích:</strong> {purpose ?? 'chỉ để tiếp nhận, xử lý, trả lời và liên hệ lại với bạn về nội dung này.'}
        </li>
        <li>
          <strong>Người được xem:</strong> thông tin liên hệ của bạn chỉ cán bộ được giao xử lý xem được; không công khai và không chuyển cho bên thứ ba, trừ khi pháp luật yêu cầu.
        </li>
        <li>
          <strong>Thời gian lưu:</strong> tối đa {formatNumber(retentionDays)} ngày, sau đó thông tin liên hệ được xóa.
        </li>
        <li>
          <strong>Quyền của bạn:</strong> bạn có thể yêu cầu xem, nhận bản sao (xuất) hoặc xóa dữ liệu cá nhân của mình{contact ? <>, bằng cách liên hệ: {contact}</> : ' bằng cách liên hệ cơ quan theo thông tin ở chân trang'}. Mọi yêu cầu đều được ghi nhận.
        </li>
      </ul>
      {children}
    </section>
  );
}
