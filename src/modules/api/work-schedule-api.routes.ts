/** /api/v1 endpoints of the leaders' work schedule. */
import type { PublicApiSection } from './api-shared.js';

export const registerWorkScheduleApi: PublicApiSection = () => {};
