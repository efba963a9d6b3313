/**
 * Who may do what to one article: the role matrix (accounts/roles.ts) plus ownership. An
 * author works only on their own articles, and only while they are drafts or returned;
 * editors and above work on any article of the site.
 */
import { hasPermission, type Permission } from '../accounts/index.js';
import type { Actor } from '../../platform/http/request-scope.js';
import { workingState, type WorkflowStep } from './workflow.js';

export interface ArticleForPolicy {
  postedBy: string | null;
  status: string;
  pendingStatus: string | null;
}

export function isOwnArticle(actor: Actor, article: ArticleForPolicy): boolean {
  return article.postedBy !== null && article.postedBy === actor.id;
}

export function canView(actor: Actor | null, article: ArticleForPolicy): boolean {
  if (!actor) return false;
  return hasPermission(actor, 'article.edit_any') || (hasPermission(actor, 'article.edit_own') && isOwnArticle(actor, article));
}

export function canEdit(actor: Actor | null, article: ArticleForPolicy): boolean {
  if (!actor) return false;
  if (workingState(article) === 'archived') return false;
  if (hasPermission(actor, 'article.edit_any')) return true;
  const state = workingState(article);
  return hasPermission(actor, 'article.edit_own') && isOwnArticle(actor, article) && (state === 'draft' || state === 'returned');
}

const STEP_PERMISSION: Record<WorkflowStep, Permission> = {
  submit: 'article.submit',
  return: 'article.return',
  publish: 'article.publish',
  unpublish: 'article.unpublish',
  archive: 'article.archive',
};

/** Whether the role allows the step on this article (the state is checked separately: 409, not 403). */
export function canTakeStep(actor: Actor | null, step: WorkflowStep, article: ArticleForPolicy): boolean {
  if (!actor || !hasPermission(actor, STEP_PERMISSION[step])) return false;
  if (step === 'submit') return hasPermission(actor, 'article.edit_any') || isOwnArticle(actor, article);
  return true;
}
