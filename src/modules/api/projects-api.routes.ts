/** /api/v1 endpoints of projects and procurement notices. */
import type { PublicApiSection } from './api-shared.js';

export const registerProjectsApi: PublicApiSection = () => {};
