/**
 * The newsroom's workflow as data: which step may start from which state. Pure, so the
 * rules are tested on their own and read in one place.
 *
 *   nháp (draft) ──submit──▶ chờ duyệt (submitted) ──publish──▶ đã xuất bản (published)
 *        ▲                        │                                   │        │
 *        └──── trả lại (returned) ◀┘ return (with a comment)          │        │
 *                                                     unpublish ──────┘        │ archive
 *                                   gỡ xuống (unpublished) ──publish──▶ …      ▼
 *                                                                        lưu trữ (archived)
 *
 * A published article that is edited keeps its public version; the edit is a working
 * copy (a revision) with a state of its own (draft → submitted → returned), and
 * publishing it replaces what the public sees.
 */
export const ARTICLE_STATES = ['draft', 'submitted', 'returned', 'published', 'unpublished', 'archived'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];
/** States of a published article's working copy. */
export type WorkingCopyState = 'draft' | 'submitted' | 'returned';

export const STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Nháp',
  submitted: 'Chờ duyệt',
  returned: 'Bị trả lại',
  published: 'Đã xuất bản',
  unpublished: 'Đã gỡ xuống',
  archived: 'Lưu trữ',
};

export type WorkflowStep = 'submit' | 'return' | 'publish' | 'unpublish' | 'archive';

export const STEP_LABELS: Record<WorkflowStep, string> = {
  submit: 'gửi duyệt',
  return: 'trả lại',
  publish: 'xuất bản',
  unpublish: 'gỡ xuống',
  archive: 'lưu trữ',
};

/** The state that decides what editing steps apply: the working copy's when there is one. */
export function workingState(article: { status: string; pendingStatus: string | null }): ArticleState {
  if (article.status === 'published' && article.pendingStatus) return article.pendingStatus as ArticleState;
  return article.status as ArticleState;
}

/** Where a step leads from a state, or undefined when it may not start there. */
const STEPS: Record<WorkflowStep, Partial<Record<ArticleState, ArticleState>>> = {
  submit: { draft: 'submitted', returned: 'submitted' },
  return: { submitted: 'returned' },
  publish: { draft: 'published', submitted: 'published', unpublished: 'published' },
  unpublish: { published: 'unpublished' },
  archive: { published: 'archived', unpublished: 'archived', draft: 'archived', returned: 'archived' },
};

/**
 * The next state of a step, or undefined when it may not start from here. For a published
 * article with a working copy, submit/return/publish act on the copy and unpublish/archive
 * on the article.
 */
export function nextState(step: WorkflowStep, article: { status: string; pendingStatus: string | null }): ArticleState | undefined {
  const from = step === 'unpublish' || step === 'archive' ? (article.status as ArticleState) : workingState(article);
  return STEPS[step][from];
}
