/**
 * Agency information (issue 8): the agency profile, organisation units as a tree, leaders
 * and contact officials; their rules, the staff use-cases, public reads, search records
 * and the demo's agency. Other modules reach this one only through this file; app.ts
 * registers the public pages from agency.routes.ts, so this file pulls in no route.
 */
export {
  AGENCY_LIMITS,
  PUBLICATIONS,
  PUBLICATION_LABELS,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  buildTree,
  cleanEmail,
  cleanMapUrl,
  cleanPhone,
  isUnitKind,
  treeProblem,
  type Publication,
  type TreeNode,
  type UnitKind,
} from './agency-rules.js';
export { AgencyItemInUseError, AgencyOfficialNotFoundError, AgencyPublicationStepError, AgencyUnitNotFoundError, UnitSlugTakenError } from './agency.errors.js';
export {
  AGENCY_AUDIT_ACTIONS,
  createOfficial,
  createUnit,
  deleteOfficial,
  deleteUnit,
  getAgencyProfileForEditing,
  getOfficialForEditing,
  getUnitForEditing,
  listAgencyRevisions,
  listOfficialsForStaff,
  listUnitsForStaff,
  publishOfficial,
  publishUnit,
  readAgencyProfile,
  saveAgencyProfile,
  saveOfficial,
  saveUnit,
  unpublishOfficial,
  unpublishUnit,
  type AgencyProfileFields,
  type AgencyRevision,
  type Input,
  type OfficialFields,
  type OfficialForEditing,
  type StaffOfficialItem,
  type StaffUnitItem,
  type UnitFields,
  type UnitForEditing,
} from './agency.service.js';
export { contactsByUnit, findPublicUnit, leadersOf, loadPublicAgency, type PublicAgency, type PublicOfficial, type PublicUnit } from './agency.public.js';
export { AGENCY_PATHS, AGENCY_SEARCH_TYPE, agencySearchSource, officialAnchor, syncOfficialSearch, syncUnitSearch, unitPath } from './agency.search.js';
export { DEMO_OFFICIALS, DEMO_PROFILE, DEMO_UNITS, portraitSvg, seedDemoAgency } from './agency.demo.js';
