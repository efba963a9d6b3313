/**
 * Investment projects and procurement notices (dự án, đấu thầu, mua sắm công): their
 * rules (kinds, statuses, a tender closing with the clock, sums of money), the staff
 * use-cases, public reads, search records and the demo's items. Other modules reach this
 * one only through this file; app.ts registers the public pages from projects.routes.ts,
 * so this file pulls in no route.
 */
export {
  KIND_WORDS,
  MAX_MONEY,
  PROJECT_KINDS,
  PROJECT_KIND_LABELS,
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
  PUBLICATIONS,
  PUBLICATION_LABELS,
  STATUSES_OF_KIND,
  STATUS_TONES,
  effectiveProjectStatus,
  formatMoney,
  formatMoneyShort,
  formatVietnamTime,
  formatVietnamTimeInput,
  isProjectKind,
  isProjectStatus,
  parseMoney,
  parseVietnamTime,
  type ProjectKind,
  type ProjectStatus,
  type Publication,
} from './project-rules.js';
export { ProjectNotFoundError, ProjectNotReadyError, ProjectPublicationStepError, ProjectSlugTakenError } from './projects.errors.js';
export {
  PROJECT_LIMITS,
  attachProjectFile,
  createProject,
  detachProjectFile,
  getProjectForEditing,
  listProjectRevisions,
  listProjectsForStaff,
  publishProject,
  saveProject,
  unpublishProject,
  type ProjectFields,
  type ProjectForEditing,
  type ProjectInput,
  type ProjectRevisionSummary,
  type ProjectSnapshot,
  type StaffProjectItem,
} from './projects.service.js';
export { MAX_PROJECT_PAGE_SIZE, getPublishedProject, listProjectYears, listPublishedProjects, type ProjectListFilter, type ProjectListPage, type PublicProject, type PublicProjectSummary } from './projects.public.js';
export { PROJECTS_PATH, PROJECT_SEARCH_TYPE, projectSearchRecord, projectsSearchSource, syncProjectSearch } from './projects.search.js';
export { demoProjects, seedDemoProjects } from './projects.demo.js';
